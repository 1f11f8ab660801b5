import { lazyPage, type Capability } from "../../site";

export const users: Capability = {
  nav: { to: "/users", label: "admin.nav.users" },
  signedIn: true,
  routes: [{ path: "users", Component: lazyPage(() => import("./UsersPage"), "UsersPage") }],
};
