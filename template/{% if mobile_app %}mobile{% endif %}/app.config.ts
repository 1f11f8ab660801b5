// The app's name and ids from the project's own files (the answers it was rendered with): the name
// from web/src/project.ts, the slug from pyproject.toml. The slug is the deep-link scheme (the
// user pool's hosted UI sends social sign-ins back to <slug>://auth/callback) and, after
// BUNDLE_PREFIX, the store id: change the prefix to a reverse domain you own before the first
// store build (stores never let an id change).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { ExpoConfig } from "expo/config";

const BUNDLE_PREFIX = "com.example";

function read(file: string, pattern: RegExp): string {
  const found = pattern.exec(readFileSync(resolve(__dirname, file), "utf8"))?.[1];
  if (!found) throw new Error(`${file} does not say ${pattern}`);
  return found;
}

const name = JSON.parse(read("../web/src/project.ts", /PROJECT_NAME = (".*");/)) as string;
const slug = read("../pyproject.toml", /^name = "(.+)"$/m);
const bundleId = `${BUNDLE_PREFIX}.${slug.replace(/-/g, "")}`;

const config: ExpoConfig = {
  name,
  slug,
  scheme: slug,
  version: "0.1.0",
  orientation: "portrait",
  userInterfaceStyle: "light",
  ios: { bundleIdentifier: bundleId, supportsTablet: true },
  android: { package: bundleId },
  web: { output: "single", bundler: "metro" },
  plugins: [
    "expo-router",
    "expo-secure-store",
    [
      "expo-image-picker",
      {
        photosPermission: "Your profile picture and the pictures of your posts come from your photos.",
        cameraPermission: "Take a profile picture or a picture for a post.",
      },
    ],
  ],
  experiments: { tsconfigPaths: false },
  // EAS fills this in on `eas init` (the project's id in your Expo account).
  extra: { eas: { projectId: process.env.EAS_PROJECT_ID } },
};

export default config;
