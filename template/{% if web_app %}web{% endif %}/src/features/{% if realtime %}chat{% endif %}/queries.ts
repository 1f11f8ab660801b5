// The chat's data through the API (backend routes/chat.py): conversations and their unread
// counts, a conversation's messages newest first a page at a time, sending (kept by the API,
// then pushed to both users' connections), finding people, and the findable setting.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { api, data, pagedByCursor } from "../../api/client";
import type { components } from "../../api/schema";

export type Conversation = components["schemas"]["Conversation"];
export type Message = components["schemas"]["Message"];
export type MessagePage = components["schemas"]["MessagePage"];
export type Person = components["schemas"]["Person"];

export const CONVERSATIONS = ["chat", "conversations"] as const;
export const SETTINGS = ["chat", "settings"] as const;
export const messagesKey = (userId: string) => ["chat", "messages", userId] as const;
const PAGE_SIZE = 30;

type Pages = InfiniteData<MessagePage, string | undefined>;

/** The loaded pages with a message added on top, unless it is there already (one sent from
 * this tab comes back over the WebSocket too; a retry returns the same id). */
export function withMessage(pages: Pages, message: Message): Pages {
  if (pages.pages.some((page) => page.messages.some((m) => m.id === message.id))) return pages;
  const [first, ...rest] = pages.pages;
  if (!first) return pages;
  return { ...pages, pages: [{ ...first, messages: [message, ...first.messages] }, ...rest] };
}

export function useConversations() {
  return useQuery({ queryKey: CONVERSATIONS, queryFn: () => data(api().GET("/chat/conversations")) });
}

export function useMessages(userId: string) {
  return useInfiniteQuery({
    queryKey: messagesKey(userId),
    ...pagedByCursor(PAGE_SIZE, (query) =>
      data(api().GET("/chat/conversations/{user_id}/messages", { params: { path: { user_id: userId }, query } })),
    ),
  });
}

/** Keep a message the API sent or the WebSocket brought in the conversation's cache. */
export function useRememberMessage() {
  const client = useQueryClient();
  return (userId: string, message: Message) =>
    client.setQueryData<Pages>(messagesKey(userId), (pages) => pages && withMessage(pages, message));
}

export function useSend(userId: string) {
  const client = useQueryClient();
  const remember = useRememberMessage();
  return useMutation({
    // The id is chosen here, once per message: a retry (by the user, or of a lost answer) sends
    // the same one, and the API keeps and counts it once.
    mutationFn: ({ id, text }: { id: string; text: string }) =>
      data(
        api().PUT("/chat/conversations/{user_id}/messages/{message_id}", {
          params: { path: { user_id: userId, message_id: id } },
          body: { text },
        }),
      ),
    onSuccess: (message) => {
      remember(userId, message);
      void client.invalidateQueries({ queryKey: CONVERSATIONS });
    },
  });
}

/** The user read the conversation: its unread count is 0 here at once, and at the API. */
export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      data(api().POST("/chat/conversations/{user_id}/read", { params: { path: { user_id: userId } } })),
    onMutate: (userId) =>
      client.setQueryData<components["schemas"]["ConversationPage"]>(CONVERSATIONS, (page) =>
        page && {
          ...page,
          conversations: page.conversations.map((c) => (c.other.id === userId ? { ...c, unread: 0 } : c)),
        },
      ),
  });
}

export function usePeople(name: string) {
  return useQuery({
    queryKey: ["chat", "people", name],
    queryFn: () => data(api().GET("/chat/people", { params: { query: { name } } })),
    enabled: name.length > 0,
  });
}

export function useChatSettings() {
  return useQuery({ queryKey: SETTINGS, queryFn: () => data(api().GET("/chat/settings")) });
}

export function useUpdateChatSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (findable: boolean) => data(api().PUT("/chat/settings", { body: { findable } })),
    onSuccess: (settings) => client.setQueryData(SETTINGS, settings),
  });
}
