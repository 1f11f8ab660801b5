import { afterEach, describe, expect, it, vi } from "vitest";
import en from "../../i18n/en.json";
import { backoff, directRoom, Realtime, socketUrl, type Incoming } from "./realtime";
import { notificationText } from "./RealtimeFrame";

describe("directRoom", () => {
  it("names the room of two users the same whichever of them asks, as the backend does", () => {
    expect(directRoom("b-2", "a-1")).toBe("dm:a-1:b-2");
    expect(directRoom("a-1", "b-2")).toBe("dm:a-1:b-2");
  });
});

describe("socketUrl", () => {
  it("puts the id token in the query, keeping the stage path", () => {
    expect(socketUrl("wss://ws.example.com/dev", "a.b.c")).toBe("wss://ws.example.com/dev?token=a.b.c");
  });
});

describe("backoff", () => {
  it("doubles up to half a minute", () => {
    expect([0, 1, 2, 10].map(backoff)).toEqual([1000, 2000, 4000, 30_000]);
  });
});

class FakeSocket {
  readyState: number = WebSocket.CONNECTING;
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = WebSocket.CLOSED;
  }
  opened() {
    this.readyState = WebSocket.OPEN;
    this.onopen?.();
  }
  dropped() {
    this.readyState = WebSocket.CLOSED;
    this.onclose?.();
  }
}

describe("Realtime", () => {
  afterEach(() => vi.useRealTimers());

  function connection() {
    const sockets: FakeSocket[] = [];
    let tokens = 0;
    const realtime = new Realtime(
      "ws://127.0.0.1:8000/local",
      async () => `token-${(tokens += 1)}`,
      (url) => {
        const socket = new FakeSocket(url);
        sockets.push(socket);
        return socket as unknown as WebSocket;
      },
    );
    const heard: Incoming[] = [];
    realtime.subscribe((message) => heard.push(message));
    return { realtime, sockets, heard };
  }

  it("sends nothing before it is open, then joins the rooms asked for and passes frames on", async () => {
    const { realtime, sockets, heard } = connection();
    await realtime.connect();
    realtime.join("dm:a:b");
    const socket = sockets[0] as FakeSocket;
    expect(socket.sent).toEqual([]);
    socket.opened();
    expect(socket.sent).toEqual([{ action: "join", room: "dm:a:b" }]);
    socket.onmessage?.({ data: '{"type":"file.registered","key":"protected/x/a.png"}' });
    socket.onmessage?.({ data: "not json" });
    expect(heard).toEqual([
      { type: "connection", open: true },
      { type: "file.registered", key: "protected/x/a.png" },
    ]);
  });

  it("after a drop, connects again with a fresh token and joins its rooms again", async () => {
    vi.useFakeTimers();
    const { realtime, sockets, heard } = connection();
    await realtime.connect();
    realtime.join("board");
    (sockets[0] as FakeSocket).opened();
    (sockets[0] as FakeSocket).dropped();
    expect(heard.at(-1)).toEqual({ type: "connection", open: false });
    await vi.advanceTimersByTimeAsync(backoff(0));
    const again = sockets[1] as FakeSocket;
    expect(again.url).toBe("ws://127.0.0.1:8000/local?token=token-2");
    again.opened();
    expect(again.sent).toEqual([{ action: "join", room: "board" }]);
  });

  it("once closed, stays closed", async () => {
    vi.useFakeTimers();
    const { realtime, sockets } = connection();
    await realtime.connect();
    (sockets[0] as FakeSocket).opened();
    realtime.close();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sockets).toHaveLength(1);
  });
});

describe("notificationText", () => {
  const t = (key: keyof typeof en) => en[key];

  it("tells of a saved file and a changed profile, not of a language switch or chat frames", () => {
    expect(notificationText({ type: "file.registered", key: "protected/x/uploads/a.png" }, t)).toBe(
      "A file was saved to your files.",
    );
    expect(notificationText({ type: "profile.updated", changed: ["lang", "nickname"] }, t)).toBe(
      "Your profile was updated.",
    );
    expect(notificationText({ type: "profile.updated", changed: ["lang"] }, t)).toBeUndefined();
    expect(notificationText({ type: "joined", room: "board" }, t)).toBeUndefined();
  });
});
