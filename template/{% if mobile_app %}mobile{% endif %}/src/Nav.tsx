// The way to the other screens from the start page: the user's own, or signing in.
import { router } from "expo-router";
import { View } from "react-native";
import { useSession } from "@web/auth/session";
import { useI18n } from "./i18n";
import { Button, styles } from "./ui";

export function Nav() {
  const session = useSession();
  const { t } = useI18n();
  if (session.status === "loading") return null;
  return (
    <View role="navigation" aria-label={t("nav.label")} style={styles.row}>
      {session.status === "signedIn" ? (
        <>
          <Button kind="plain" label={t("nav.files")} onPress={() => router.push("/files")} />
          <Button kind="plain" label={t("nav.profile")} onPress={() => router.push("/profile")} />
        </>
      ) : (
        <Button label={t("auth.signIn")} onPress={() => router.push("/sign-in")} />
      )}
    </View>
  );
}
