import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import { fakeApi, wrap } from "../../testing";
import { ChatPage } from "./ChatPage";
import { FindableSetting } from "./FindableSetting";
import { withMessage, type Conversation, type Message } from "./queries";
import { Realtime } from "./realtime";
import { RealtimeProvider } from "./RealtimeFrame";

const BO = "9d2e3f4a-2222-4333-8444-a55566667777";

function message(id: string, text = `text ${id}`): Message {
  return { id, from_id: BO, text, sent_at: "2026-01-02T03:04:05.000000+00:00" };
}

function conversation(unread: number): Conversation {
  return {
    other: { id: BO, display_name: "Bo" },
    last_text: "Lunch at noon?",
    last_from_me: false,
    last_at: "2026-01-02T03:04:05.000000+00:00",
    unread,
  };
}

describe("withMessage", () => {
  it("puts a message on top once: the WebSocket brings back what this tab sent", () => {
    const pages = { pages: [{ messages: [message("b")], next_cursor: null }], pageParams: [undefined] };
    const added = withMessage(pages, message("c"));
    expect(added.pages[0]?.messages.map((m) => m.id)).toEqual(["c", "b"]);
    expect(withMessage(added, message("c"))).toBe(added);
  });
});

function chatAt(path: string) {
  const realtime = new Realtime("ws://127.0.0.1/local", async () => undefined);
  return wrap(
    <RealtimeProvider value={realtime}>
      <Routes>
        <Route path="/chat" element={<ChatPage />} />
        <Route path="/chat/:userId" element={<ChatPage />} />
      </Routes>
    </RealtimeProvider>,
    path,
  );
}

describe("ChatPage", () => {
  it("lists conversations with what is unread, and opening one marks it read", async () => {
    let unread = 2;
    const requests = fakeApi((request) => {
      const path = new URL(request.url).pathname;
      if (path.endsWith("/read")) {
        unread = 0;
        return undefined;
      }
      if (path.endsWith("/messages")) return { messages: [message("m1", "Lunch at noon?")], next_cursor: null };
      if (path.endsWith("/chat/conversations")) return { conversations: [conversation(unread)], next_cursor: null };
      if (path.endsWith("/chat/settings")) return { findable: false };
      return undefined;
    });
    const { unmount } = render(chatAt("/chat"));
    const list = screen.getByRole("navigation", { name: "Conversations" });
    const entry = await within(list).findByRole("link", { name: /^Bo/ });
    expect(entry.textContent).toContain("2 new");
    expect(entry.textContent).toContain("Lunch at noon?");
    expect(screen.getByText(/Others cannot find you by name yet/)).toBeTruthy();
    unmount();

    render(chatAt(`/chat/${BO}`));
    expect(await screen.findByRole("heading", { name: "Chat with Bo" })).toBeTruthy();
    expect((await screen.findByRole("log", { name: "Messages" })).textContent).toContain("Lunch at noon?");
    await waitFor(() => expect(screen.queryByText("2 new")).toBeNull());
    const read = requests.filter((r) => r.method === "POST" && r.url.endsWith(`/chat/conversations/${BO}/read`));
    expect(read).toHaveLength(1);
  });

  it("finds people by name and leads to a conversation with them", async () => {
    const requests = fakeApi((request) => {
      const url = new URL(request.url);
      if (url.pathname.endsWith("/chat/people")) return { people: [{ id: BO, display_name: "Bo" }] };
      if (url.pathname.endsWith("/messages")) return { messages: [], next_cursor: null };
      if (url.pathname.endsWith("/chat/conversations")) return { conversations: [], next_cursor: null };
      return { findable: true };
    });
    render(chatAt("/chat"));
    await userEvent.type(screen.getByLabelText(/^Find people by name/), "b");
    await userEvent.click(screen.getByRole("button", { name: "Search" }));
    await userEvent.click(await screen.findByRole("link", { name: "Write to Bo" }));
    expect(await screen.findByRole("heading", { name: "Chat with Bo" })).toBeTruthy();
    const search = requests.find((r) => r.url.includes("/chat/people"));
    expect(new URL(search?.url ?? "").searchParams.get("name")).toBe("b");
  });

  it("sends a message with an id of its own, the same id again when retried", async () => {
    let failures = 1;
    const requests = fakeApi((request) => {
      const path = new URL(request.url).pathname;
      if (request.method === "PUT" && path.includes("/messages/")) {
        if (failures-- > 0) return Response.json({ code: "internal_error", message: "x" }, { status: 500 });
        return message(path.split("/").pop() ?? "", "Hi");
      }
      if (path.endsWith("/messages")) return { messages: [], next_cursor: null };
      if (path.endsWith("/chat/conversations")) return { conversations: [], next_cursor: null };
      return { findable: true };
    });
    render(chatAt(`/chat/${BO}`));
    await userEvent.type(await screen.findByRole("textbox", { name: "Message" }), "Hi");
    await userEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(await screen.findByText("Your message was not sent")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Send" }));
    await waitFor(() => expect((screen.getByRole("textbox", { name: "Message" }) as HTMLInputElement).value).toBe(""));
    const sent = requests.filter((r) => r.method === "PUT").map((r) => new URL(r.url).pathname);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toBe(sent[1]);
    expect(screen.getByRole("log", { name: "Messages" }).textContent).toContain("Hi");
  });
});

describe("FindableSetting", () => {
  it("is off until the user turns it on", async () => {
    const requests = fakeApi((request) => (request.method === "PUT" ? { findable: true } : { findable: false }));
    render(wrap(<FindableSetting />));
    const toggle = (await screen.findByRole("switch", {
      name: "Let others find me by name in the chat",
    })) as HTMLInputElement;
    await waitFor(() => expect(toggle.disabled).toBe(false));
    expect(toggle.checked).toBe(false);
    await userEvent.click(toggle);
    await waitFor(() => expect(toggle.checked).toBe(true));
    const put = requests.find((r) => r.method === "PUT");
    expect(await put?.json()).toEqual({ findable: true });
  });
});
