// Which app this page is: the users' (the user pool, sign-up, a profile that remembers the
// language) or the admin console (the admin pool, no sign-up, no profile). Both share the frame,
// the sign-in form and the language switch, which read it here.
import { createContext, lazy, useContext, type ComponentType, type ReactNode } from "react";
import type { RouteObject } from "react-router";
import type { Outputs } from "./auth/config";
import type { MessageKey } from "./i18n";

/** What each folder of features/ (and of admin/) adds to its site: its routes, its entry in the
 * navigation, and whether it is for signed-in users only (signed-out visitors get the sign-in form
 * there). A capability open to everyone may have routes for signed-in users too (writing), and a
 * frame around every signed-in page (a connection they share), and a section of the profile page
 * (a setting of its own). */
export interface Capability {
  nav: { to: string; label: MessageKey };
  signedIn: boolean;
  routes: RouteObject[];
  signedInRoutes?: RouteObject[];
  SignedInFrame?: ComponentType<{ outputs: Outputs; children: ReactNode }>;
  ProfileSection?: ComponentType;
}

/** `name` of the module `load` imports, fetched when it is first drawn: each page (and frame) is
 * a chunk of its own, so the first screen (the sign-in form, or the board) loads none but its
 * own. Layout's Suspense shows a spinner meanwhile. */
export function lazyPage<Module extends Record<Name, ComponentType<any>>, Name extends keyof Module>(
  load: () => Promise<Module>,
  name: Name,
) {
  return lazy(async () => ({ default: (await load())[name] }));
}

export interface Site {
  /** In navigation order. */
  capabilities: Capability[];
  /** Where `/` leads (relative to basename). */
  home: string;
  /** The path the site's routes are under, e.g. "/admin". */
  basename?: string;
  admin: boolean;
}

const Context = createContext<Site | null>(null);

export const SiteProvider = Context.Provider;

export function useSite(): Site {
  const site = useContext(Context);
  if (!site) throw new Error("useSite needs a <SiteProvider> above it");
  return site;
}
