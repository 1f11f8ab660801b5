import { render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { fakeApi, wrap } from "../../testing";
import { ModerationPage } from "./ModerationPage";
import type { ModeratedPost } from "./queries";

const post = (id: string, more: Partial<ModeratedPost>): ModeratedPost => ({
  id,
  title: `Post ${id}`,
  body: "Spam, perhaps.",
  author_id: `author-${id}`,
  author_login: null,
  attachments: [],
  status: "published",
  version: 1,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
  ...more,
});

describe("the moderation page", () => {
  beforeEach(() => localStorage.setItem("lang", "en"));

  it("names each author by login, and their name where they have one, linking to them", async () => {
    const posts = [
      post("1", { author_login: "ana@example.com" }),
      post("2", { author_login: "+821012345678", author_name: "Bo" }),
    ];
    fakeApi(() => ({ posts, next_cursor: null }));
    render(wrap(<ModerationPage />, "/posts"));
    const ana = await screen.findByRole("link", { name: "ana@example.com" });
    expect(ana.getAttribute("href")).toBe("/users?user=author-1");
    const bo = screen.getByRole("link", { name: "Bo (+821012345678)" });
    expect(bo.getAttribute("href")).toBe("/users?user=author-2");
    expect(screen.queryByText(/Someone/)).toBeNull();
  });
});
