import { lazyPage, type Capability } from "../../site";

export const profile: Capability = {
  nav: { to: "/profile", label: "nav.profile" },
  signedIn: true,
  routes: [{ path: "profile", Component: lazyPage(() => import("./ProfilePage"), "ProfilePage") }],
};
