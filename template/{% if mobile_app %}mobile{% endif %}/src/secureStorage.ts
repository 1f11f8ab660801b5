// Amplify's key-value storage over expo-secure-store (the Keychain, the Android Keystore): the
// tokens survive an app restart, encrypted, and Amplify refreshes them from there.
import type { KeyValueStorageInterface } from "aws-amplify/utils";
import * as SecureStore from "expo-secure-store";

/** SecureStore takes keys of letters, digits, ".", "-" and "_" only; Amplify's hold more. */
export function storeKey(key: string): string {
  return key.replace(/[^\w.-]/g, "_");
}

export const secureStorage: KeyValueStorageInterface = {
  setItem: (key, value) => SecureStore.setItemAsync(storeKey(key), value),
  getItem: (key) => SecureStore.getItemAsync(storeKey(key)),
  removeItem: (key) => SecureStore.deleteItemAsync(storeKey(key)),
  // SecureStore cannot list its keys; Amplify removes the tokens one by one (removeItem).
  clear: async () => {},
};
