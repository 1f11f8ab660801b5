import type { Capability } from "../../site";
import { ProfilePage } from "./ProfilePage";

export const profile: Capability = {
  nav: { to: "/profile", label: "nav.profile" },
  signedIn: true,
  routes: [{ path: "profile", Component: ProfilePage }],
};
