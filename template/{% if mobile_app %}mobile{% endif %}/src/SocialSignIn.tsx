// Sign-in through the hosted UI with the pool's identity providers (Kakao, Google, Apple), above
// the sign-in and sign-up forms: the web app's list and symbols (@web/auth/providers), drawn
// natively. On a phone signInWithRedirect opens the system's browser session
// (@aws-amplify/rtn-web-browser, a native module: a development build has it, Expo Go does not)
// and comes back through the app's scheme, which amplify_outputs.json lists; its promise then
// holds the signed-in session. A browser instead leaves the page for the hosted UI.
import { signInWithRedirect } from "aws-amplify/auth";
import { useState } from "react";
import { Platform, Pressable, Text, View } from "react-native";
import Svg, { Path } from "react-native-svg";
import { ICONS, KAKAO_LOOK, redirectProviders, type RedirectProvider } from "@web/auth/providers";
import { useI18n } from "./i18n";
import { useOutputs } from "./outputs";
import { colors, ErrorText, Muted, styles } from "./ui";

export function SocialSignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useI18n();
  const outputs = useOutputs();
  const [error, setError] = useState<unknown>(null);
  const providers = redirectProviders(outputs.custom.oidc_providers ?? [], outputs.auth.oauth?.identity_providers);
  if (providers.length === 0) return null;

  async function signInWith({ provider }: RedirectProvider) {
    setError(null);
    try {
      await signInWithRedirect({ provider });
      if (Platform.OS !== "web") onSignedIn();
    } catch (failure) {
      // Closing the browser is no failure (Amplify's OAuthSignInException "canceled").
      if (!(failure instanceof Error && failure.message === "canceled")) setError(failure);
    }
  }

  return (
    <View style={{ gap: 10 }}>
      {providers.map((entry) => {
        const kakao = entry.name === "Kakao";
        const label = kakao ? t("signIn.kakao") : t("signIn.continueWith", { name: entry.name });
        const icon = ICONS[entry.name];
        return (
          <Pressable
            key={entry.name}
            role="button"
            aria-label={label}
            onPress={() => void signInWith(entry)}
            style={[
              styles.button,
              kakao
                ? { backgroundColor: KAKAO_LOOK.background, borderRadius: KAKAO_LOOK.radius }
                : { backgroundColor: "#fff", borderWidth: 1, borderColor: colors.line },
            ]}
          >
            {icon && (
              <Svg width={18} height={18} viewBox={icon.viewBox}>
                {icon.paths.map(({ fill, d }) => (
                  <Path key={d} fill={fill} d={d} />
                ))}
              </Svg>
            )}
            <Text style={[styles.buttonText, { color: kakao ? KAKAO_LOOK.text : colors.text }]}>{label}</Text>
          </Pressable>
        );
      })}
      <ErrorText error={error} title={t("auth.failed")} />
      <View style={[styles.row, { flexWrap: "nowrap" }]}>
        <View style={{ flex: 1, height: 1, backgroundColor: colors.line }} />
        <Muted>{t("signIn.or")}</Muted>
        <View style={{ flex: 1, height: 1, backgroundColor: colors.line }} />
      </View>
    </View>
  );
}
