// A large spinner in place of what is on its way (the session, a page's code), with its name.
import { Flex, Loader } from "@aws-amplify/ui-react";

export function Loading({ label }: { label: string }) {
  return (
    <Flex justifyContent="center" padding="xl">
      <Loader size="large" ariaLabel={label} />
    </Flex>
  );
}
