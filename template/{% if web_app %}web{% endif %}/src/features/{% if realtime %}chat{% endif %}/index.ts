import { lazyPage, type Capability } from "../../site";

/** Chat between signed-in users, and the live notifications around every signed-in page. */
export const chat: Capability = {
  nav: { to: "/chat", label: "nav.chat" },
  signedIn: true,
  routes: [{ path: "chat", Component: lazyPage(() => import("./ChatPage"), "ChatPage") }],
  SignedInFrame: lazyPage(() => import("./RealtimeFrame"), "RealtimeFrame"),
};
