// The client config: amplify_outputs.json, fetched at run time from the app's own origin (the
// stack writes it next to the deployed app; `make dev` serves the local stack's), so one build
// serves every stage. Amplify is configured from it; so is the API client. The admin console
// (under /admin, with the admin pool) has its own file, in admin/ beside it.
import { Amplify, type ResourcesConfig } from "aws-amplify";
import { parseAmplifyConfig } from "aws-amplify/utils";
import { createApi, createPublicApi, setApi } from "../api/client";
import { endSession, idToken } from "./session";

export const OUTPUTS_URL = "/amplify_outputs.json";
export const ADMIN_OUTPUTS_URL = "/admin/amplify_outputs.json";
/** Where the admin console lives: its pages, and its client config. */
export const CONSOLE_PATH = "/admin";

export function isConsolePath(pathname: string): boolean {
  return pathname === CONSOLE_PATH || pathname.startsWith(`${CONSOLE_PATH}/`);
}

/** The part of amplify_outputs.json the app reads besides Amplify's own sections. */
export interface Outputs {
  auth: { username_attributes: string[]; oauth?: { identity_providers: string[] } };
  custom: {
    api_url: string;
    /** The public face: the public GET routes through CloudFront, cached, no token. */
    public_api_url: string;
    files_base_url: string;
    /** realtime: the WebSocket API, connected to with `?token=<id token>` */
    websocket_url?: string;
    /** OpenID Connect providers (Kakao) by their names in the pool: Amplify's schema has none */
    oidc_providers?: string[];
    /** Only in the local stack's file: where its emulated AWS services answer. */
    local_endpoints?: { user_pool: string; identity_pool: string; s3: string };
  };
  [section: string]: unknown;
}

export async function loadOutputs(
  fetchImpl: typeof fetch = fetch,
  url: string = OUTPUTS_URL,
): Promise<Outputs> {
  const response = await fetchImpl(url, { cache: "no-cache" });
  if (!response.ok) {
    throw new Error(`${url} could not be loaded (HTTP ${response.status})`);
  }
  return (await response.json()) as Outputs;
}

/** Amplify and the API clients, from the file (the user app's, or the admin console's). */
export function configure(outputs: Outputs): void {
  Amplify.configure(amplifyConfig(outputs));
  setApi(
    createApi({
      baseUrl: outputs.custom.api_url.replace(/\/$/, ""),
      idToken,
      // The API refused the token (expired or revoked) or the account: back to the sign-in form.
      onUnauthorized: (reason) => void endSession(reason),
    }),
    createPublicApi(outputs.custom.public_api_url.replace(/\/$/, "")),
  );
}

/** Amplify's configuration from the file, pointed at the local stack's Cognito when the file
 * names local endpoints (Amplify's own keys cannot say so). */
export function amplifyConfig(outputs: Outputs): ResourcesConfig {
  const config = parseAmplifyConfig(outputs as unknown as Parameters<typeof parseAmplifyConfig>[0]);
  const local = outputs.custom.local_endpoints;
  const cognito = config.Auth?.Cognito;
  if (local && cognito) {
    // (parseAmplifyConfig made this object for us alone)
    Object.assign(cognito, {
      userPoolEndpoint: local.user_pool,
      ...(cognito.identityPoolId ? { identityPoolEndpoint: local.identity_pool } : {}),
    });
  }
  return config;
}
