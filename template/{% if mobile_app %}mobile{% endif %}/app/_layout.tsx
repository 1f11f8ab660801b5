// The app's frame: the client config loaded first (src/config.ts), then the session, the API's
// cache and the language, for every screen of the stack.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { Stack } from "expo-router";
import { StatusBar } from "expo-status-bar";
import { useEffect, useState } from "react";
import { ActivityIndicator, View } from "react-native";
import { SafeAreaProvider } from "react-native-safe-area-context";
import { useProfile } from "@web/api/profile";
import type { Outputs } from "@web/auth/config";
import { SessionProvider, useSession } from "@web/auth/session";
import { start } from "../src/config";
import { I18nProvider, useI18n } from "../src/i18n";
import { Notifications } from "../src/Notifications";
import { OutputsContext } from "../src/outputs";
import { ErrorText, Screen } from "../src/ui";

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1 } } });
// Nothing of one user stays cached for the next.
const forget = () => queryClient.clear();

export default function Root() {
  const [outputs, setOutputs] = useState<Outputs | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    start().then(setOutputs, setError);
  }, []);
  return (
    <SafeAreaProvider>
      <I18nProvider>
        <QueryClientProvider client={queryClient}>
          <StatusBar style="dark" />
          {outputs ? (
            <OutputsContext.Provider value={outputs}>
              <SessionProvider onSignedOut={forget}>
                <ProfileLanguage />
                <Screens />
                <Notifications />
              </SessionProvider>
            </OutputsContext.Provider>
          ) : error ? (
            <Screen>
              <ErrorText error={error} />
            </Screen>
          ) : (
            <View style={{ flex: 1, justifyContent: "center" }}>
              <ActivityIndicator size="large" />
            </View>
          )}
        </QueryClientProvider>
      </I18nProvider>
    </SafeAreaProvider>
  );
}

// Each screen names itself (<Stack.Screen options>), in the language shown.
function Screens() {
  return <Stack screenOptions={{ headerBackButtonDisplayMode: "minimal" }} />;
}

/** Signed in, the app speaks the profile's language: the one chosen on the web or here. */
function ProfileLanguage() {
  const session = useSession();
  return session.status === "signedIn" ? <FollowProfile /> : null;
}

function FollowProfile() {
  const profile = useProfile();
  const { setLang } = useI18n();
  const lang = profile.data?.lang;
  useEffect(() => {
    if (lang) setLang(lang);
  }, [lang, setLang]);
  return null;
}
