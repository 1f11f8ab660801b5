// What a list loaded a page at a time shows around its items: why it failed, a loader, a sentence
// when there is nothing, and a button for the next page.
import { Button, Loader, Text } from "@aws-amplify/ui-react";
import type { UseInfiniteQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useI18n } from "../i18n";
import { ErrorAlert } from "./ErrorAlert";

export function Paged({
  query,
  count,
  failed,
  empty,
  more,
  children,
}: {
  query: UseInfiniteQueryResult;
  /** How many items are loaded. */
  count: number;
  failed: string;
  empty: string;
  more: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <>
      <ErrorAlert error={query.error} title={failed} />
      {query.isPending && <Loader size="large" ariaLabel={t("common.loading")} />}
      {query.isSuccess && count === 0 && <Text>{empty}</Text>}
      {count > 0 && children}
      {query.hasNextPage && (
        <Button alignSelf="center" isLoading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          {more}
        </Button>
      )}
    </>
  );
}
