// The board's posts as moderators see them (GET /admin/posts?status=), and hiding, showing again
// or deleting one.
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, data, pagedByCursor } from "../../api/client";
import type { components } from "../../api/schema";
import type { Post } from "../../features/board/queries";

/** A post with its author's login (GET /admin/posts). */
export type ModeratedPost = components["schemas"]["ModeratedPost"];
export type PostStatus = Post["status"];
export type Moderation = "hide" | "unhide" | "remove";

const PAGE_SIZE = 20;
const POSTS = ["admin", "posts"] as const;

export function useModeratedPosts(status: PostStatus) {
  return useInfiniteQuery({
    queryKey: [...POSTS, status],
    ...pagedByCursor(PAGE_SIZE, (query) =>
      data(api().GET("/admin/posts", { params: { query: { status, ...query } } })),
    ),
  });
}

export function useModerate(post: Post) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: Moderation) => {
      const path = { params: { path: { post_id: post.id } } };
      if (action === "remove") return data(api().DELETE("/admin/posts/{post_id}", path));
      if (action === "hide") return data(api().POST("/admin/posts/{post_id}/hide", path));
      return data(api().POST("/admin/posts/{post_id}/unhide", path));
    },
    // The post moves between the lists (or leaves them): both are loaded again.
    onSuccess: () => client.invalidateQueries({ queryKey: POSTS }),
  });
}
