import { lazyPage, type Capability } from "../../site";

const chatPage = lazyPage(() => import("./ChatPage"), "ChatPage");

/** Chat between signed-in users, the live notifications around every signed-in page, and the
 * profile's setting of whether others may find you by name. */
export const chat: Capability = {
  nav: { to: "/chat", label: "nav.chat" },
  signedIn: true,
  // (a static segment ranks before :userId: "announcements" is never taken for a user id)
  routes: ["chat", "chat/announcements", "chat/:userId"].map((path) => ({ path, Component: chatPage })),
  SignedInFrame: lazyPage(() => import("./RealtimeFrame"), "RealtimeFrame"),
  ProfileSection: lazyPage(() => import("./FindableSetting"), "FindableSetting"),
};
