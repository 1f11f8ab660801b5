// The console's tables: named for screen readers, a heading per column, and on a phone's width
// they scroll sideways rather than widen the page.
import { Table, TableBody, TableCell, TableHead, TableRow } from "@aws-amplify/ui-react";
import type { ReactNode } from "react";

export function AdminTable({ label, columns, children }: { label: string; columns: string[]; children: ReactNode }) {
  return (
    <div className="table-scroll">
      <Table aria-label={label} size="small" variation="striped">
        <TableHead>
          <TableRow>
            {columns.map((column) => (
              <TableCell key={column} as="th" scope="col">
                {column}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>{children}</TableBody>
      </Table>
    </div>
  );
}
