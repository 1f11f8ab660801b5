// The user pool's users, a page at a time (GET /admin/users), one user by id (GET
// /admin/users/{user_id}: a post's author, say), and disabling or enabling one.
import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
} from "@tanstack/react-query";
import { api, data, pagedByCursor } from "../../api/client";
import type { components } from "../../api/schema";

export type UserSummary = components["schemas"]["UserSummary"];
export type UserPage = components["schemas"]["UserPage"];
type Pages = InfiniteData<UserPage, string | undefined>;

export const PAGE_SIZE = 50;
export const USERS = ["admin", "users"] as const;
const userKey = (id: string) => ["admin", "user", id] as const;

/** The loaded pages with the user's row as the API now returns it. */
export function withUser(list: Pages, user: UserSummary): Pages {
  const pages = list.pages.map((page) => ({
    ...page,
    users: page.users.map((row) => (row.id === user.id ? user : row)),
  }));
  return { ...list, pages };
}

/** What identifies a user to an administrator: their e-mail, else their phone, else their id. */
export function loginOf(user: Pick<UserSummary, "id" | "email" | "phone_number">): string {
  return user.email || user.phone_number || user.id;
}

export function useUsers() {
  return useInfiniteQuery({
    queryKey: USERS,
    ...pagedByCursor(PAGE_SIZE, (query) => data(api().GET("/admin/users", { params: { query } }))),
  });
}

export function useUser(id: string) {
  return useQuery({
    queryKey: userKey(id),
    queryFn: () => data(api().GET("/admin/users/{user_id}", { params: { path: { user_id: id } } })),
  });
}

/** Disable (signed out everywhere, refused by the API) or enable a user. */
export function useUserAccess(user: UserSummary) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (enable: boolean) => {
      const path = { params: { path: { user_id: user.id } } };
      return data(
        enable
          ? api().POST("/admin/users/{user_id}/enable", path)
          : api().POST("/admin/users/{user_id}/disable", path),
      );
    },
    onSuccess: (changed) => {
      client.setQueryData<Pages>(USERS, (list) => list && withUser(list, changed));
      client.setQueryData(userKey(changed.id), changed);
    },
  });
}
