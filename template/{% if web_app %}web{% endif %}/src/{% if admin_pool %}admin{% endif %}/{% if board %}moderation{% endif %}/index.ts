import type { Capability } from "../../site";
import { ModerationPage } from "./ModerationPage";

export const moderation: Capability = {
  nav: { to: "/posts", label: "admin.nav.posts" },
  signedIn: true,
  routes: [{ path: "posts", Component: ModerationPage }],
};
