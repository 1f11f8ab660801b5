// The client config: the same amplify_outputs.json the web app reads, loaded and applied by the
// web app's own loader (web/src/auth/config.ts: Amplify and the API clients). The web build reads
// it from its own origin as the web app does; a phone from the address EXPO_PUBLIC_OUTPUTS_URL
// names, inlined when the bundle is built: the stage's web app serves its file (eas.json sets it
// per build profile; `make dev`, the local stack's).
import { cognitoUserPoolsTokenProvider } from "aws-amplify/auth/cognito";
import { Platform } from "react-native";
import { configure, loadOutputs, OUTPUTS_URL as WEB_OUTPUTS_URL, type Outputs } from "@web/auth/config";
import { secureStorage } from "./secureStorage";

export const OUTPUTS_URL =
  process.env.EXPO_PUBLIC_OUTPUTS_URL || (Platform.OS === "web" ? WEB_OUTPUTS_URL : "");

export async function start(url: string = OUTPUTS_URL): Promise<Outputs> {
  if (!url) {
    throw new Error("EXPO_PUBLIC_OUTPUTS_URL is not set: the address of a stage's amplify_outputs.json");
  }
  const outputs = await loadOutputs(fetch, url);
  configure(outputs);
  // On a phone the tokens go to the Keychain or the Android Keystore rather than Amplify's
  // default (AsyncStorage, unencrypted); a browser keeps them where the web app does.
  if (Platform.OS !== "web") cognitoUserPoolsTokenProvider.setKeyValueStorage(secureStorage);
  return outputs;
}
