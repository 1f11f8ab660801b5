// What each folder of pages/ adds to the app: its routes, its entry in the navigation, and
// whether it is for signed-in users only (signed-out visitors get the sign-in form there). A
// capability open to everyone may have routes for signed-in users too (writing), and a frame
// around every signed-in page (a connection they share).
import type { ComponentType, ReactNode } from "react";
import type { RouteObject } from "react-router";
import type { Outputs } from "../auth/config";
import type { MessageKey } from "../i18n";

export interface Capability {
  nav: { to: string; label: MessageKey };
  signedIn: boolean;
  routes: RouteObject[];
  signedInRoutes?: RouteObject[];
  SignedInFrame?: ComponentType<{ outputs: Outputs; children: ReactNode }>;
}
