import type { Capability } from "../../site";
import { UsersPage } from "./UsersPage";

export const users: Capability = {
  nav: { to: "/users", label: "admin.nav.users" },
  signedIn: true,
  routes: [{ path: "users", Component: UsersPage }],
};
