// A failed call in words, in the user's language where the app knows the case: the API's error
// code has a message `error.<code>`; a field that failed validation, one by its name and what is
// wrong; never a schema path. The web app's ErrorAlert and the mobile app show it.
import { ApiError, type FieldError } from "../api/client";
import { UploadError } from "../api/upload";
import { formatBytes } from "../format";
import { isMessageKey, type MessageKey, type Translate } from "../i18n/messages";

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
