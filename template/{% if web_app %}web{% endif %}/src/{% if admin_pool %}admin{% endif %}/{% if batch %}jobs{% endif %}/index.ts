import { lazyPage, type Capability } from "../../site";

export const jobs: Capability = {
  nav: { to: "/jobs", label: "admin.nav.jobs" },
  signedIn: true,
  routes: [{ path: "jobs", Component: lazyPage(() => import("./JobsPage"), "JobsPage") }],
};
