// Sign-in buttons for the pool's identity providers, above the sign-in and sign-up forms: Google
// and Apple (amplify_outputs.json's auth.oauth.identity_providers) as Amplify UI's Authenticator
// draws them, and OpenID Connect providers (Kakao), which it lists in custom.oidc_providers. Each
// goes through the hosted UI (signInWithRedirect).
import { Button, Divider, Flex, Text } from "@aws-amplify/ui-react";
import { signInWithRedirect } from "aws-amplify/auth";
import { I18n } from "aws-amplify/utils";
import type { CSSProperties, ReactNode } from "react";
import { useI18n, type MessageKey } from "../i18n";

interface Look {
  label: MessageKey;
  style: CSSProperties;
  symbol: ReactNode;
}

// Kakao's login button guide: a #FEE500 container, the black speech-bubble symbol and a black
// label at 85% (https://developers.kakao.com/docs/latest/en/kakaologin/design-guide).
const LOOKS: Record<string, Look> = {
  Kakao: {
    label: "signIn.kakao",
    style: { backgroundColor: "#FEE500", borderColor: "#FEE500", color: "rgba(0, 0, 0, 0.85)", borderRadius: 12 },
    symbol: (
      <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
        <path fill="#000" d="M9 1.5C4.6 1.5 1 4.3 1 7.8c0 2.2 1.5 4.2 3.7 5.3l-.9 3.4c-.1.3.3.5.5.3l4-2.7h.7c4.4 0 8-2.8 8-6.3S13.4 1.5 9 1.5z" />
      </svg>
    ),
  },
};

// Amplify UI's buttons for the providers Cognito knows (its icons, its words: "Sign In with …"),
// by their names in amplify_outputs.json.
const SOCIAL: Record<string, { provider: "Google" | "Apple"; icon: ReactNode }> = {
  GOOGLE: {
    provider: "Google",
    icon: (
      <svg className="amplify-icon federated-sign-in-icon" viewBox="0 0 256 262" aria-hidden="true">
        <path fill="#4285F4" d="M255.878 133.451c0-10.734-.871-18.567-2.756-26.69H130.55v48.448h71.947c-1.45 12.04-9.283 30.172-26.69 42.356l-.244 1.622 38.755 30.023 2.685.268c24.659-22.774 38.875-56.282 38.875-96.027" />
        <path fill="#34A853" d="M130.55 261.1c35.248 0 64.839-11.605 86.453-31.622l-41.196-31.913c-11.024 7.688-25.82 13.055-45.257 13.055-34.523 0-63.824-22.773-74.269-54.25l-1.531.13-40.298 31.187-.527 1.465C35.393 231.798 79.49 261.1 130.55 261.1" />
        <path fill="#FBBC05" d="M56.281 156.37c-2.756-8.123-4.351-16.827-4.351-25.82 0-8.994 1.595-17.697 4.206-25.82l-.073-1.73L15.26 71.312l-1.335.635C5.077 89.644 0 109.517 0 130.55s5.077 40.905 13.925 58.602l42.356-32.782" />
        <path fill="#EB4335" d="M130.55 50.479c24.514 0 41.05 10.589 50.479 19.438l36.844-35.974C195.245 12.91 165.798 0 130.55 0 79.49 0 35.393 29.301 13.925 71.947l42.211 32.783c10.59-31.477 39.891-54.251 74.414-54.251" />
      </svg>
    ),
  },
  SIGN_IN_WITH_APPLE: {
    provider: "Apple",
    icon: (
      <svg className="amplify-icon federated-sign-in-icon" viewBox="0 0 1024 1024" fill="#000" aria-hidden="true">
        <path d="M747.4 535.7c-.4-68.2 30.5-119.6 92.9-157.5-34.9-50-87.7-77.5-157.3-82.8-65.9-5.2-138 38.4-164.4 38.4-27.9 0-91.7-36.6-141.9-36.6C273.1 298.8 163 379.8 163 544.6c0 48.7 8.9 99 26.7 150.8 23.8 68.2 109.6 235.3 199.1 232.6 46.8-1.1 79.9-33.2 140.8-33.2 59.1 0 89.7 33.2 141.9 33.2 90.3-1.3 167.9-153.2 190.5-221.6-121.1-57.1-114.6-167.2-114.6-170.7zm-105.1-305c50.7-60.2 46.1-115 44.6-134.7-44.8 2.6-96.6 30.5-126.1 64.8-32.5 36.8-51.6 82.3-47.5 133.6 48.4 3.7 92.6-21.2 129-63.7z" />
      </svg>
    ),
  },
};

export function OidcSignIn({
  providers,
  social = [],
  redirect = signInWithRedirect,
}: {
  /** OpenID Connect providers, by their names in the pool */
  providers: readonly string[];
  /** amplify_outputs.json's auth.oauth.identity_providers (GOOGLE, SIGN_IN_WITH_APPLE) */
  social?: readonly string[];
  redirect?: typeof signInWithRedirect;
}) {
  const { t } = useI18n();
  const known = social.filter((name) => name in SOCIAL);
  if (providers.length + known.length === 0) return null;
  return (
    <Flex direction="column" gap="small" padding="medium" paddingBlockEnd="0">
      {providers.map((name) => {
        const look = LOOKS[name];
        return (
          <Button key={name} gap="small" style={look?.style} onClick={() => void redirect({ provider: { custom: name } })}>
            {look?.symbol}
            {look ? t(look.label) : t("signIn.continueWith", { name })}
          </Button>
        );
      })}
      {known.map((name) => {
        const { provider, icon } = SOCIAL[name] as (typeof SOCIAL)[string];
        return (
          <Button key={name} className="federated-sign-in-button" gap="1rem" onClick={() => void redirect({ provider })}>
            {icon}
            <Text as="span">{I18n.get(`Sign In with ${provider}`)}</Text>
          </Button>
        );
      })}
      <Divider label={t("signIn.or")} size="small" />
    </Flex>
  );
}
