import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client";
import type { MessageKey } from "../i18n";
import { errorMessage } from "./ErrorAlert";

const t = (key: MessageKey) => `<${key}>`;

describe("errorMessage", () => {
  it("says an API error in the user's language when its code has a message", () => {
    const changed = new ApiError(409, "The post changed: it is at version 3", "post_changed");
    expect(errorMessage(changed, t)).toBe("<error.post_changed>");
  });

  it("keeps the API's own sentence for a code without one", () => {
    const refused = new ApiError(409, "Someone else is editing", "request_refused");
    expect(errorMessage(refused, t)).toBe(refused.message);
  });

  it("says each field that failed validation by its name and what is wrong, never a schema path", () => {
    const refused = new ApiError(422, "body.title: String should have at least 1 character (and 2 more)", "validation_failed", [
      { field: "body.title", message: "String should have at least 1 character", kind: "string_too_short", limit: 1 },
      { field: "body.display_name", message: "String should have at most 50 characters", kind: "string_too_long", limit: 50 },
      { field: "body.attachments.4", message: "List should have at most 4 items", kind: "too_long", limit: 4 },
      { field: "body.lang", message: "String should match pattern", kind: "string_pattern_mismatch" },
      { field: "query.cursor", message: "Field required", kind: "missing" },
    ]);
    const words = (key: MessageKey, values?: Record<string, string | number>) =>
      `${key}(${Object.values(values ?? {}).join(",")})`;
    expect(errorMessage(refused, words)).toBe(
      [
        "invalid.required(field.title(),1)",
        "invalid.tooLong(field.display_name(),50)",
        "invalid.tooMany(field.attachments(),4)",
        "invalid.other(field.lang(),0)",
        "invalid.required(field.other(),0)",
      ].join(" "),
    );
  });
});
