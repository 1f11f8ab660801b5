// A page of the app: its heading (which takes the focus after a navigation, so keyboard and
// screen-reader users start at the new content) and the document title.
import { Flex, Heading } from "@aws-amplify/ui-react";
import { useEffect, type ReactNode } from "react";
import { PROJECT_NAME } from "../project";

export function Page({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · ${PROJECT_NAME}`;
  }, [title]);
  return (
    <Flex direction="column" gap="large" width="100%" maxWidth="60rem" marginInline="auto">
      <Heading level={1} tabIndex={-1} className="page-heading">
        {title}
      </Heading>
      {children}
    </Flex>
  );
}
