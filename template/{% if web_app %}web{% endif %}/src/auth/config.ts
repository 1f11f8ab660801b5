// The client config: amplify_outputs.json, fetched at run time from the app's own origin (the
// stack writes it next to the deployed app; `make dev` serves the local stack's), so one build
// serves every stage. Amplify is configured from it; so is the API client.
import type { ResourcesConfig } from "aws-amplify";
import { parseAmplifyConfig } from "aws-amplify/utils";

export const OUTPUTS_URL = "/amplify_outputs.json";

/** The part of amplify_outputs.json the app reads besides Amplify's own sections. */
export interface Outputs {
  auth: { username_attributes: string[]; oauth?: unknown };
  custom: {
    api_url: string;
    /** The public face: the public GET routes through CloudFront, cached, no token. */
    public_api_url: string;
    files_base_url: string;
    /** Only in the local stack's file: where its emulated AWS services answer. */
    local_endpoints?: { user_pool: string; identity_pool: string; s3: string };
  };
  [section: string]: unknown;
}

export async function loadOutputs(fetchImpl: typeof fetch = fetch): Promise<Outputs> {
  const response = await fetchImpl(OUTPUTS_URL, { cache: "no-cache" });
  if (!response.ok) {
    throw new Error(`${OUTPUTS_URL} could not be loaded (HTTP ${response.status})`);
  }
  return (await response.json()) as Outputs;
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
