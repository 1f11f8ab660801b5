// Which app this page is: the users' (the user pool, sign-up, a profile that remembers the
// language) or the admin console (the admin pool, no sign-up, no profile). Both share the frame,
// the sign-in form and the language switch, which read it here.
import { createContext, useContext } from "react";
import type { Capability } from "./pages/capability";

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
