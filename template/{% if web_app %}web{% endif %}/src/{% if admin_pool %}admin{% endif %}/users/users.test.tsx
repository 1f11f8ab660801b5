import type { InfiniteData } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { fakeApi, wrap } from "../../testing";
import { loginOf, withUser, type UserPage, type UserSummary } from "./queries";
import { userPath, UsersPage } from "./UsersPage";

const user = (id: string, more: Partial<UserSummary> = {}): UserSummary => ({
  id,
  status: "active",
  enabled: true,
  confirmation: "CONFIRMED",
  has_profile: true,
  created_at: "2026-01-01T00:00:00Z",
  ...more,
});

// Made by an operator (`make user`): in the pool, no profile until their first request.
const INVITED = user("0b7e-invited", {
  phone_number: "+821012345678",
  confirmation: "FORCE_CHANGE_PASSWORD",
  has_profile: false,
});
const ANA = user("1c8f-ana", { email: "ana@example.com", display_name: "Ana" });

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

describe("the users page", () => {
  beforeEach(() => localStorage.setItem("lang", "en"));

  it("lists every user of the pool, saying who has no profile yet and who never signed in", async () => {
    const requests = fakeApi(() => ({ users: [ANA, INVITED], next_cursor: null }));
    render(wrap(<UsersPage />, "/users"));
    const invited = await screen.findByRole("row", { name: /\+821012345678/ });
    expect(within(invited).getByText(INVITED.id)).toBeTruthy();
    expect(within(invited).getByText("Not yet")).toBeTruthy();
    expect(within(invited).getByText("Invited, no password set yet")).toBeTruthy();
    expect(within(invited).getByRole("button", { name: "Disable +821012345678" })).toBeTruthy();
    const ana = screen.getByRole("row", { name: /ana@example\.com/ });
    expect(within(ana).getByText("Ana")).toBeTruthy();
    expect(within(ana).getByText("Yes")).toBeTruthy();
    expect(within(ana).getByText("Confirmed")).toBeTruthy();
    expect(requests.map((request) => new URL(request.url).search)).toEqual(["?limit=50"]);
  });

  it("shows one user alone from a link (a post's author), with the way back to all", async () => {
    const requests = fakeApi(() => INVITED);
    render(wrap(<UsersPage />, userPath(INVITED.id)));
    expect(await screen.findByRole("row", { name: /\+821012345678/ })).toBeTruthy();
    expect(screen.getAllByRole("row")).toHaveLength(2); // the heading's and theirs
    expect(screen.getByRole("link", { name: "Show all users" }).getAttribute("href")).toBe("/users");
    expect(requests.map((request) => new URL(request.url).pathname)).toEqual([`/dev/admin/users/${INVITED.id}`]);
  });
});
