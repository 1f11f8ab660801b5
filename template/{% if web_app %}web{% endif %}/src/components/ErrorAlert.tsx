// Every failed call ends up on screen: the API's reason, or the upload's, in the user's language
// where the app knows the case (the API's error code has a message `error.<code>`; a field that
// failed validation, one by its name and what is wrong), never a schema path.
import { Alert } from "@aws-amplify/ui-react";
import { ApiError, type FieldError } from "../api/client";
import { UploadError } from "../api/upload";
import { isMessageKey, useI18n, type MessageKey, type Translate } from "../i18n";
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
    if (error.fields.length > 0) return error.fields.map((field) => fieldMessage(field, t)).join(" ");
    const translated = `error.${error.code}`;
    return isMessageKey(translated) ? t(translated) : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

// What is wrong with a field (the API's `kind`: pydantic's error types), in words.
const PROBLEMS: Record<string, MessageKey> = {
  missing: "invalid.required",
  string_too_short: "invalid.tooShort",
  string_too_long: "invalid.tooLong",
  too_long: "invalid.tooMany",
};

/** One sentence for a field that failed validation: `body.title` is "the title". */
export function fieldMessage(error: FieldError, t: Translate): string {
  const name = error.field.split(".").filter((part) => !/^\d+$/.test(part)).pop() ?? "";
  const label = `field.${name}`;
  const field = t(isMessageKey(label) ? label : "field.other");
  const limit = error.limit ?? 0;
  // At least one character: the field is empty (after trimming, where the API trims).
  const problem = error.kind === "string_too_short" && limit <= 1 ? "invalid.required" : PROBLEMS[error.kind];
  return t(problem ?? "invalid.other", { field, limit });
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
