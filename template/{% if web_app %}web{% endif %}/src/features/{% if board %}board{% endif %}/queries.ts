// The board's posts: read through the public face (cached by CloudFront for seconds, no token),
// written through the API. What this browser wrote goes into the cache at once, since the
// public face may go on serving an older copy for up to its max-age.
import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type QueryClient,
} from "@tanstack/react-query";
import { api, data, pagedByCursor, publicApi } from "../../api/client";
import type { components } from "../../api/schema";
import { useSession } from "../../auth/session";

export type Post = components["schemas"]["Post"];
export type PostPage = components["schemas"]["PostPage"];
export type NewPost = components["schemas"]["NewPost"];
export type PostChanges = components["schemas"]["PostChanges"];

export const PAGE_SIZE = 20;
export const LIST = ["posts", "list"] as const;
export const postKey = (id: string) => ["posts", "one", id] as const;

/** The later of two copies of a post (by version): the public face may answer with the older. */
export function newer(kept: Post | undefined, fetched: Post): Post {
  return kept && kept.version > fetched.version ? kept : fetched;
}

type Pages = InfiniteData<PostPage, string | undefined>;

/** The loaded pages of the listing with one post added on top, changed or removed. */
export function withPost(list: Pages, post: Post, change: "added" | "changed" | "removed"): Pages {
  const pages = list.pages.map((page, index) => {
    const others = page.posts.filter((p) => p.id !== post.id);
    if (change === "removed") return { ...page, posts: others };
    if (change === "added") return index === 0 ? { ...page, posts: [post, ...others] } : page;
    return { ...page, posts: page.posts.map((p) => (p.id === post.id ? post : p)) };
  });
  return { ...list, pages };
}

function remember(client: QueryClient, post: Post, change: "added" | "changed" | "removed") {
  if (change === "removed") client.removeQueries({ queryKey: postKey(post.id) });
  else client.setQueryData(postKey(post.id), post);
  client.setQueryData<Pages>(LIST, (list) => list && withPost(list, post, change));
}

export function usePosts() {
  return useInfiniteQuery({
    queryKey: LIST,
    ...pagedByCursor(PAGE_SIZE, (query) => data(publicApi().GET("/posts", { params: { query } }))),
  });
}

export function usePost(id: string) {
  const client = useQueryClient();
  return useQuery({
    queryKey: postKey(id),
    queryFn: async () => {
      const fetched = await data(publicApi().GET("/posts/{post_id}", { params: { path: { post_id: id } } }));
      return newer(client.getQueryData<Post>(postKey(id)), fetched);
    },
    retry: false, // a 404 stays a 404
  });
}

/** Whether the signed-in user wrote this post. */
export function useIsAuthor(post: Post | undefined): boolean {
  const session = useSession();
  return session.status === "signedIn" && post?.author_id === session.user.userId;
}

export function useCreatePost() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (post: NewPost) => data(api().POST("/posts", { body: post })),
    onSuccess: (post) => remember(client, post, "added"),
  });
}

export function useUpdatePost(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: PostChanges) =>
      data(api().PATCH("/posts/{post_id}", { params: { path: { post_id: id } }, body: changes })),
    onSuccess: (post) => remember(client, post, "changed"),
  });
}

export function useDeletePost() {
  const client = useQueryClient();
  return useMutation({
    // At the version shown: a post changed meanwhile (another tab) is not deleted unseen.
    mutationFn: (post: Post) =>
      data(
        api().DELETE("/posts/{post_id}", {
          params: { path: { post_id: post.id }, query: { version: post.version } },
        }),
      ),
    onSuccess: (_nothing, post) => remember(client, post, "removed"),
  });
}
