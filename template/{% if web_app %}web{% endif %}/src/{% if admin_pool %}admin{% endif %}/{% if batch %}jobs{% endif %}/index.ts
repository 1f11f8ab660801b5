import type { Capability } from "../../site";
import { JobsPage } from "./JobsPage";

export const jobs: Capability = {
  nav: { to: "/jobs", label: "admin.nav.jobs" },
  signedIn: true,
  routes: [{ path: "jobs", Component: JobsPage }],
};
