import { lazyPage, type Capability } from "../../site";

export const moderation: Capability = {
  nav: { to: "/posts", label: "admin.nav.posts" },
  signedIn: true,
  routes: [{ path: "posts", Component: lazyPage(() => import("./ModerationPage"), "ModerationPage") }],
};
