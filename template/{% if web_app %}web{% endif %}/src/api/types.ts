// The API's shapes the app names, from the generated schema (schema.d.ts), in one place.
import type { components } from "./schema";

export type Profile = components["schemas"]["Profile"];
export type ProfileChanges = components["schemas"]["ProfileChanges"];
export type FileOut = components["schemas"]["FileOut"];
export type UploadRequest = components["schemas"]["UploadRequest"];
