// The app's capabilities, in navigation order: one folder each under pages/.
import type { Capability } from "./capability";
import { files } from "./files";
import { profile } from "./profile";

export const CAPABILITIES: Capability[] = [files, profile];

/** Where `/` leads. */
export const HOME = files.nav.to;
