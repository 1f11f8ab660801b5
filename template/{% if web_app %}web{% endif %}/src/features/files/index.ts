import { lazyPage, type Capability } from "../../site";

export const files: Capability = {
  nav: { to: "/files", label: "nav.files" },
  signedIn: true,
  routes: [{ path: "files", Component: lazyPage(() => import("./FilesPage"), "FilesPage") }],
};
