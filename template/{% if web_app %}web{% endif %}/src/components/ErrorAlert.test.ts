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
    const refused = new ApiError(422, "body.title: String should have at most 200 characters", "validation_failed");
    expect(errorMessage(refused, t)).toBe(refused.message);
  });
});
