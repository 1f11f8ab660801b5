// Sign-in buttons for the pool's identity providers, above the sign-in and sign-up forms: Google
// and Apple (amplify_outputs.json's auth.oauth.identity_providers) as Amplify UI's Authenticator
// draws them, and OpenID Connect providers (Kakao), which it lists in custom.oidc_providers. Each
// goes through the hosted UI (signInWithRedirect). Which, and how they look: ./providers, which
// the mobile app's buttons read too.
import { Button, Divider, Flex, Text } from "@aws-amplify/ui-react";
import { signInWithRedirect } from "aws-amplify/auth";
import { I18n } from "aws-amplify/utils";
import { useI18n } from "../i18n";
import { ICONS, KAKAO_LOOK, redirectProviders } from "./providers";

const KAKAO_STYLE = {
  backgroundColor: KAKAO_LOOK.background,
  borderColor: KAKAO_LOOK.background,
  color: KAKAO_LOOK.text,
  borderRadius: KAKAO_LOOK.radius,
};

function Symbol({ name, className }: { name: string; className?: string }) {
  const icon = ICONS[name];
  if (!icon) return null;
  return (
    <svg className={className} width="18" height="18" viewBox={icon.viewBox} aria-hidden="true">
      {icon.paths.map(({ fill, d }) => (
        <path key={d} fill={fill} d={d} />
      ))}
    </svg>
  );
}

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
  const buttons = redirectProviders(providers, social);
  if (buttons.length === 0) return null;
  return (
    <Flex direction="column" gap="small" padding="medium" paddingBlockEnd="0">
      {buttons.map(({ name, provider }) =>
        typeof provider === "string" ? (
          // Amplify UI's button, in its words ("Sign In with Google")
          <Button key={name} className="federated-sign-in-button" gap="1rem" onClick={() => void redirect({ provider })}>
            <Symbol name={name} className="amplify-icon federated-sign-in-icon" />
            <Text as="span">{I18n.get(`Sign In with ${provider}`)}</Text>
          </Button>
        ) : (
          <Button key={name} gap="small" style={name === "Kakao" ? KAKAO_STYLE : undefined} onClick={() => void redirect({ provider })}>
            <Symbol name={name} />
            {name === "Kakao" ? t("signIn.kakao") : t("signIn.continueWith", { name })}
          </Button>
        ),
      )}
      <Divider label={t("signIn.or")} size="small" />
    </Flex>
  );
}
