import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createApi, createPublicApi, setApi } from "../../api/client";
import { apiLimit, wrap } from "../../testing";
import { BoardPage } from "./BoardPage";
import { Markdown } from "./Markdown";
import { BODY_MAX, PICTURES_MAX, PostForm, TITLE_MAX } from "./PostForm";
import { newer, withPost, type Post, type PostPage } from "./queries";

function post(id: string, fields: Partial<Post> = {}): Post {
  return {
    id,
    title: `Post ${id}`,
    body: "text",
    author_id: "author",
    author_name: "Ana",
    attachments: [],
    status: "published",
    version: 1,
    created_at: "2026-01-02T03:04:05.000000+00:00",
    updated_at: "2026-01-02T03:04:05.000000+00:00",
    ...fields,
  };
}

const list = (...pages: Post[][]) => ({
  pages: pages.map((posts) => ({ posts, next_cursor: null })),
  pageParams: pages.map(() => undefined),
});

describe("the cache of posts", () => {
  it("keeps the later version of a post: the public face may serve an older copy", () => {
    const mine = post("a", { version: 3, title: "Edited" });
    expect(newer(mine, post("a", { version: 2 }))).toBe(mine);
    const fetched = post("a", { version: 4 });
    expect(newer(mine, fetched)).toBe(fetched);
    expect(newer(undefined, fetched)).toBe(fetched);
  });

  it("puts a new post on top, replaces a changed one, drops a removed one", () => {
    const loaded = list([post("b"), post("c")], [post("d")]);
    const titles = (pages: PostPage[]) => pages.map((page) => page.posts.map((p) => p.title));
    expect(titles(withPost(loaded, post("a"), "added").pages)).toEqual([["Post a", "Post b", "Post c"], ["Post d"]]);
    const changed = post("d", { title: "New title", version: 2 });
    expect(titles(withPost(loaded, changed, "changed").pages)).toEqual([["Post b", "Post c"], ["New title"]]);
    expect(titles(withPost(loaded, post("c"), "removed").pages)).toEqual([["Post b"], ["Post d"]]);
  });
});

describe("Markdown", () => {
  it("renders markdown, never raw HTML, script links or outside images", () => {
    const text = [
      "**bold** and *italic*",
      "<b>raw</b><script>alert(1)</script>",
      "[a link](javascript:alert(1)) [a page](https://example.com/)",
      "![tracker](https://tracker.example/pixel.png)",
    ].join("\n\n");
    const { container } = render(<Markdown text={text} />);
    expect(container.querySelector("strong")?.textContent).toBe("bold");
    expect(container.querySelector("em")?.textContent).toBe("italic");
    expect(container.querySelector("b, script, img")).toBeNull();
    const hrefs = [...container.querySelectorAll("a")].map((a) => a.getAttribute("href"));
    expect(hrefs).toEqual(["", "https://example.com/"]);
  });
});

describe("the board page", () => {
  beforeEach(() => localStorage.setItem("lang", "en"));

  it("reads pages of posts from the public face, with no token, older ones on demand", async () => {
    const requests: Request[] = [];
    const pages: Record<string, PostPage> = {
      first: { posts: [post("1"), post("2", { author_name: null })], next_cursor: "c2" },
      c2: { posts: [post("3")], next_cursor: null },
    };
    const publicFetch = vi.fn(async (request: Request) => {
      requests.push(request);
      const cursor = new URL(request.url).searchParams.get("cursor") ?? "first";
      return Response.json(pages[cursor]);
    });
    const neverCalled = vi.fn();
    setApi(
      createApi({ baseUrl: "https://api.example.com/dev", idToken: async () => "id-token", onUnauthorized: () => {}, fetch: neverCalled }),
      createPublicApi("https://public.example.com", publicFetch as unknown as typeof fetch),
    );
    render(wrap(<BoardPage />));
    const posts = await screen.findByRole("list", { name: "Posts" });
    expect([...posts.querySelectorAll("h2")].map((h) => h.textContent)).toEqual(["Post 1", "Post 2"]);
    expect(screen.getByText(/^Someone ·/)).toBeTruthy(); // no display name
    await userEvent.click(screen.getByRole("button", { name: "Show older posts" }));
    await screen.findByRole("link", { name: "Post 3" });
    expect(screen.queryByRole("button", { name: "Show older posts" })).toBeNull();
    expect(requests.map((r) => r.url)).toEqual([
      "https://public.example.com/posts?limit=20",
      "https://public.example.com/posts?limit=20&cursor=c2",
    ]);
    expect(requests.every((r) => !r.headers.has("Authorization"))).toBe(true);
    expect(neverCalled).not.toHaveBeenCalled();
    expect(screen.getByRole("link", { name: "Sign in to write a post" }).getAttribute("href")).toBe("/board/new");
  });
});

describe("the post form", () => {
  it("has the API's limits", () => {
    expect([TITLE_MAX, BODY_MAX, PICTURES_MAX]).toEqual(
      ["title", "body", "attachments"].map((field) => apiLimit("NewPost", field)),
    );
  });

  it("counts near the limit and says when the title reaches it", async () => {
    localStorage.setItem("lang", "en");
    render(wrap(<PostForm initial={{ title: "", body: "", attachments: [] }} saving={false} error={null} onSave={vi.fn()} />));
    const title = screen.getByLabelText(/^Title/) as HTMLInputElement;
    await userEvent.click(title);
    await userEvent.paste("x".repeat(170));
    expect(screen.getByText(`170/${TITLE_MAX}`)).toBeTruthy();
    await userEvent.paste("x".repeat(50));
    expect(title.value).toHaveLength(TITLE_MAX);
    expect(screen.getByText(`${TITLE_MAX}/${TITLE_MAX} · The title can have at most ${TITLE_MAX} characters.`)).toBeTruthy();
  });

  it("sends the trimmed title, the text and the pictures left after removing one", async () => {
    const onSave = vi.fn();
    const pictures = ["public/id/board/a.png", "public/id/board/b.png"].map((key) => ({ key, url: `https://cdn/${key}` }));
    render(wrap(<PostForm initial={{ title: "", body: "", attachments: pictures }} saving={false} error={null} onSave={onSave} />));
    await userEvent.type(screen.getByLabelText(/^Title/), "  Hello  ");
    await userEvent.type(screen.getByLabelText(/^Text/), "Some *text*");
    await userEvent.click(screen.getByRole("button", { name: "Remove picture 1" }));
    await userEvent.click(screen.getByRole("button", { name: "Publish" }));
    expect(onSave).toHaveBeenCalledWith({ title: "Hello", body: "Some *text*", attachments: [pictures[1]] });
  });

  it("takes at most four pictures", () => {
    const pictures = [1, 2, 3, 4].map((n) => ({ key: `public/id/board/${n}.png`, url: `https://cdn/${n}` }));
    render(wrap(<PostForm initial={{ title: "t", body: "b", attachments: pictures }} saving={false} error={null} onSave={() => {}} />));
    expect(screen.queryByLabelText("Add a picture")).toBeNull();
  });
});
