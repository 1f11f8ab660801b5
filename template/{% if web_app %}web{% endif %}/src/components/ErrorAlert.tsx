// Every failed call ends up on screen: the API's reason, or the upload's, in the user's language
// where the app knows the case (the API's error code has a message `error.<code>`; a field that
// failed validation, one by its name and what is wrong), never a schema path.
import { Alert } from "@aws-amplify/ui-react";
import { useI18n } from "../i18n";
import { errorMessage } from "./errorMessage";

export { errorMessage, fieldMessage } from "./errorMessage";

export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <Alert variation="error" heading={title ?? t("error.title")} role="alert">
      {errorMessage(error, t)}
    </Alert>
  );
}
