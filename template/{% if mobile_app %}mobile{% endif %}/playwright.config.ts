// The mobile app's journey over its web build (react-native-web) in headless Chromium at a
// phone's size, against the local stack (`make dev` serving mobile/dist and web/dist): the web
// app is there too, for the same person to sign in on it. `make mobile-test` picks free ports.
import { defineConfig, devices } from "@playwright/test";

// The Chromium `make mobile-test` found or installed (local/browser.py); unset: Playwright's own.
const launchOptions = process.env.CHROMIUM ? { executablePath: process.env.CHROMIUM } : {};

const port = (name: string, fallback: number) => String(process.env[name] ?? fallback);
const AWS_PORT = port("AWS_PORT", 5200);
const PORT = port("PORT", 8200);
const WEB_PORT = port("WEB_PORT", 5280);
const MOBILE_PORT = port("MOBILE_PORT", 8281);

export const WEB_APP = `http://localhost:${WEB_PORT}`;

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  timeout: 120_000,
  expect: { timeout: 15_000 },
  workers: 1, // one stack for all
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"]],
  use: {
    // A phone: its screen, touch, and Chromium as the browser engine.
    ...devices["Pixel 7"],
    baseURL: `http://localhost:${MOBILE_PORT}`,
    launchOptions,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  webServer: {
    command: "make --no-print-directory -C .. dev",
    env: { AWS_PORT, PORT, WEB_PORT, MOBILE_PORT, WEB_MODE: "preview", LOG_LEVEL: "WARNING" },
    url: `http://127.0.0.1:${PORT}/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
