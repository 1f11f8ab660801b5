import type { InfiniteData } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { loginOf, withUser, type UserPage, type UserSummary } from "./queries";

const user = (id: string, more: Partial<UserSummary> = {}): UserSummary => ({
  id,
  status: "active",
  created_at: "2026-01-01T00:00:00Z",
  ...more,
});

describe("withUser", () => {
  it("replaces the user's row where it is loaded, keeping the pages and the others", () => {
    const list: InfiniteData<UserPage, string | undefined> = {
      pages: [
        { users: [user("a"), user("b")], next_cursor: "b" },
        { users: [user("c")], next_cursor: null },
      ],
      pageParams: [undefined, "b"],
    };
    const changed = withUser(list, user("c", { status: "disabled" }));
    expect(changed.pages.map((page) => page.users.map((u) => `${u.id}:${u.status}`))).toEqual([
      ["a:active", "b:active"],
      ["c:disabled"],
    ]);
    expect(changed.pageParams).toEqual([undefined, "b"]);
    expect(list.pages[1]?.users[0]?.status).toBe("active"); // the cache's copy is not mutated
  });
});

describe("loginOf", () => {
  it("names a user by e-mail, else phone, else id", () => {
    expect(loginOf(user("a", { email: "ana@example.com", phone_number: "+821000000000" }))).toBe("ana@example.com");
    expect(loginOf(user("a", { email: null, phone_number: "+821000000000" }))).toBe("+821000000000");
    expect(loginOf(user("a"))).toBe("a");
  });
});
