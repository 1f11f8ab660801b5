// The WebSocket API (custom.websocket_url): one connection per signed-in tab, opened with the id
// token in the query (browsers cannot set a WebSocket's headers), opened again after a drop with
// a growing pause and a fresh token, the rooms joined again. The server's frames
// (backend realtime/handlers.py, and the REST routes' pushes) go to every subscriber. The mobile
// app uses it as it is.
import type { Translate } from "../../i18n/messages";

/** What the server sends. */
export type Incoming =
  | { type: "joined" | "left"; room: string }
  /** `id`: a message the API kept (routes/chat.py); none over the WebSocket's own `send`. */
  | { type: "message"; room: string; from: string; text: string; at: string; id?: string }
  /** Announced in the board's room (backend routes/posts.py), where the board is. */
  | { type: "post.created"; id: string; title: string }
  | { type: "error"; message: string }
  | { type: "file.registered"; key: string }
  | { type: "profile.updated"; changed: string[] }
  /** Not from the server: the connection opened or dropped. */
  | { type: "connection"; open: boolean };

type Listener = (message: Incoming) => void;

/** The one room of two users, as backend rooms.direct_room names it. */
export function directRoom(userId: string, otherUserId: string): string {
  return `dm:${[userId, otherUserId].sort().join(":")}`;
}

export function socketUrl(base: string, token: string): string {
  const url = new URL(base);
  url.searchParams.set("token", token);
  return url.toString();
}

/** The pause before the n-th reconnection: 1 s, 2 s, 4 s … at most 30 s. */
export function backoff(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** attempt);
}

export class Realtime {
  private socket: WebSocket | undefined;
  private readonly listeners = new Set<Listener>();
  private readonly rooms = new Set<string>();
  private attempts = 0;
  private closed = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly base: string,
    private readonly token: () => Promise<string | undefined>,
    private readonly open: (url: string) => WebSocket = (url) => new WebSocket(url),
  ) {}

  async connect(): Promise<void> {
    const token = await this.token();
    if (!token || this.closed) return;
    const socket = this.open(socketUrl(this.base, token));
    this.socket = socket;
    socket.onopen = () => {
      this.attempts = 0;
      for (const room of this.rooms) this.raw({ action: "join", room });
      this.emit({ type: "connection", open: true });
    };
    socket.onmessage = (event: MessageEvent) => {
      try {
        this.emit(JSON.parse(String(event.data)) as Incoming);
      } catch {
        // not ours: every frame the server sends is JSON
      }
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.emit({ type: "connection", open: false });
      if (!this.closed) this.timer = setTimeout(() => void this.connect(), backoff(this.attempts++));
    };
  }

  get isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Join a room now if connected, and again after every reconnection. */
  join(room: string): void {
    this.rooms.add(room);
    this.raw({ action: "join", room });
  }

  leave(room: string): void {
    this.rooms.delete(room);
    this.raw({ action: "leave", room });
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.socket?.close();
    this.socket = undefined;
  }

  /** Says it now if connected; joins are said again on every connection. */
  private raw(message: Record<string, string>): void {
    if (this.isOpen) this.socket?.send(JSON.stringify(message));
  }

  private emit(message: Incoming): void {
    for (const listener of this.listeners) listener(message);
  }
}

/** A notification's words, or nothing for frames that are not notifications. */
export function notificationText(message: Incoming, t: Translate): string | undefined {
  if (message.type === "file.registered") return t("realtime.fileRegistered");
  // (a language switch saves `lang` in the profile too: no news to whoever switched)
  if (message.type === "profile.updated" && message.changed.some((field) => field !== "lang")) {
    return t("realtime.profileUpdated");
  }
  return undefined;
}
