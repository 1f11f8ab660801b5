import type { Capability } from "../../site";
import { FilesPage } from "./FilesPage";

export const files: Capability = {
  nav: { to: "/files", label: "nav.files" },
  signedIn: true,
  routes: [{ path: "files", Component: FilesPage }],
};
