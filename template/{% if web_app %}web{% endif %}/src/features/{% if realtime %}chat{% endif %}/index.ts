import type { Capability } from "../../site";
import { ChatPage } from "./ChatPage";
import { RealtimeFrame } from "./RealtimeFrame";

/** Chat between signed-in users, and the live notifications around every signed-in page. */
export const chat: Capability = {
  nav: { to: "/chat", label: "nav.chat" },
  signedIn: true,
  routes: [{ path: "chat", Component: ChatPage }],
  SignedInFrame: RealtimeFrame,
};
