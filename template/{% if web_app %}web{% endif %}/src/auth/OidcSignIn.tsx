// Sign-in buttons for the identity providers Amplify UI's Authenticator does not draw: OpenID
// Connect providers (Kakao), which amplify_outputs.json lists in custom.oidc_providers. Each goes
// through the hosted UI, as Google and Apple do (signInWithRedirect).
import { Button, Divider, Flex } from "@aws-amplify/ui-react";
import { signInWithRedirect } from "aws-amplify/auth";
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

export function OidcSignIn({
  providers,
  divider,
  redirect = signInWithRedirect,
}: {
  providers: readonly string[];
  /** whether an "or" follows (not when Amplify draws its own providers and its own "or") */
  divider: boolean;
  redirect?: typeof signInWithRedirect;
}) {
  const { t } = useI18n();
  if (providers.length === 0) return null;
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
      {divider && <Divider label={t("signIn.or")} size="small" />}
    </Flex>
  );
}
