// The pool's identity providers as sign-in buttons, for the web app (./OidcSignIn) and the mobile
// app alike: which to offer, from amplify_outputs.json, what signInWithRedirect is told for each,
// and how each is drawn (its brand's symbol; Kakao's colours).
import type { SignInWithRedirectInput } from "aws-amplify/auth";

export interface RedirectProvider {
  /** the brand, as users know it: Kakao, Google, Apple */
  name: string;
  provider: NonNullable<SignInWithRedirectInput["provider"]>;
}

// The providers Cognito knows, by their names in amplify_outputs.json's auth.oauth.identity_providers.
const KNOWN: Record<string, "Google" | "Apple"> = { GOOGLE: "Google", SIGN_IN_WITH_APPLE: "Apple" };

/** OpenID Connect providers by their names in the pool (Kakao: custom.oidc_providers) first, then
 * Google and Apple (auth.oauth.identity_providers). */
export function redirectProviders(oidc: readonly string[], social: readonly string[] = []): RedirectProvider[] {
  return [
    ...oidc.map((name) => ({ name, provider: { custom: name } })),
    ...social.flatMap((name) => {
      const known = KNOWN[name];
      return known ? [{ name: known, provider: known }] : [];
    }),
  ];
}

export interface Icon {
  viewBox: string;
  paths: readonly { fill: string; d: string }[];
}

// Each brand's symbol: Kakao's speech bubble, and Amplify UI's Google and Apple icons.
export const ICONS: Record<string, Icon> = {
  Kakao: { viewBox: "0 0 18 18", paths: [{ fill: "#000", d: "M9 1.5C4.6 1.5 1 4.3 1 7.8c0 2.2 1.5 4.2 3.7 5.3l-.9 3.4c-.1.3.3.5.5.3l4-2.7h.7c4.4 0 8-2.8 8-6.3S13.4 1.5 9 1.5z" }] },
  Google: {
    viewBox: "0 0 256 262",
    paths: [
      { fill: "#4285F4", d: "M255.878 133.451c0-10.734-.871-18.567-2.756-26.69H130.55v48.448h71.947c-1.45 12.04-9.283 30.172-26.69 42.356l-.244 1.622 38.755 30.023 2.685.268c24.659-22.774 38.875-56.282 38.875-96.027" },
      { fill: "#34A853", d: "M130.55 261.1c35.248 0 64.839-11.605 86.453-31.622l-41.196-31.913c-11.024 7.688-25.82 13.055-45.257 13.055-34.523 0-63.824-22.773-74.269-54.25l-1.531.13-40.298 31.187-.527 1.465C35.393 231.798 79.49 261.1 130.55 261.1" },
      { fill: "#FBBC05", d: "M56.281 156.37c-2.756-8.123-4.351-16.827-4.351-25.82 0-8.994 1.595-17.697 4.206-25.82l-.073-1.73L15.26 71.312l-1.335.635C5.077 89.644 0 109.517 0 130.55s5.077 40.905 13.925 58.602l42.356-32.782" },
      { fill: "#EB4335", d: "M130.55 50.479c24.514 0 41.05 10.589 50.479 19.438l36.844-35.974C195.245 12.91 165.798 0 130.55 0 79.49 0 35.393 29.301 13.925 71.947l42.211 32.783c10.59-31.477 39.891-54.251 74.414-54.251" },
    ],
  },
  Apple: {
    viewBox: "0 0 1024 1024",
    paths: [
      {
        fill: "#000",
        d: "M747.4 535.7c-.4-68.2 30.5-119.6 92.9-157.5-34.9-50-87.7-77.5-157.3-82.8-65.9-5.2-138 38.4-164.4 38.4-27.9 0-91.7-36.6-141.9-36.6C273.1 298.8 163 379.8 163 544.6c0 48.7 8.9 99 26.7 150.8 23.8 68.2 109.6 235.3 199.1 232.6 46.8-1.1 79.9-33.2 140.8-33.2 59.1 0 89.7 33.2 141.9 33.2 90.3-1.3 167.9-153.2 190.5-221.6-121.1-57.1-114.6-167.2-114.6-170.7zm-105.1-305c50.7-60.2 46.1-115 44.6-134.7-44.8 2.6-96.6 30.5-126.1 64.8-32.5 36.8-51.6 82.3-47.5 133.6 48.4 3.7 92.6-21.2 129-63.7z",
      },
    ],
  },
};

// Kakao's login button guide: a #FEE500 container, the black speech-bubble symbol and a black
// label at 85% (https://developers.kakao.com/docs/latest/en/kakaologin/design-guide).
export const KAKAO_LOOK = { background: "#FEE500", text: "rgba(0, 0, 0, 0.85)", radius: 12 };
