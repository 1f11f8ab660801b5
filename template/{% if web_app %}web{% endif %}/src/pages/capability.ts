// What each folder of pages/ adds to the app: its routes, its entry in the navigation, and
// whether it is for signed-in users only (signed-out visitors get the sign-in form there). A
// capability open to everyone may have routes for signed-in users too (writing).
import type { RouteObject } from "react-router";
import type { MessageKey } from "../i18n";

export interface Capability {
  nav: { to: string; label: MessageKey };
  signedIn: boolean;
  routes: RouteObject[];
  signedInRoutes?: RouteObject[];
}
