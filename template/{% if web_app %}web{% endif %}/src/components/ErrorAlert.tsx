// Every failed call ends up on screen: the API's reason, or the upload's, in the user's language
// where the app knows the case (the API's error code has a message `error.<code>`).
import { Alert } from "@aws-amplify/ui-react";
import { ApiError } from "../api/client";
import { UploadError } from "../api/upload";
import { isMessageKey, useI18n, type Translate } from "../i18n";
import { formatBytes } from "../format";

export function errorMessage(error: unknown, t: Translate): string {
  if (error instanceof UploadError) {
    if (error.kind === "type") return t("upload.wrongType", { type: error.detail });
    if (error.kind === "size") return t("upload.tooLarge", { max: formatBytes(Number(error.detail)) });
    return t("upload.storageFailed", { reason: error.detail });
  }
  if (error instanceof ApiError) {
    if (error.status === 0) return t("error.unreachable");
    if (error.status === 401) return t("error.signedOut");
    const translated = `error.${error.code}`;
    return isMessageKey(translated) ? t(translated) : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <Alert variation="error" heading={title ?? t("error.title")} role="alert">
      {errorMessage(error, t)}
    </Alert>
  );
}
