// Browser tests: headless Chromium against the local stack (`make dev`) serving the built app,
// the same files CloudFront serves once deployed. `make web-e2e` picks free ports.
import { defineConfig, devices } from "@playwright/test";

// The Chromium `make browser-test` found or installed (local/browser.py); unset or empty:
// Playwright's own. Playwright starts it without the sandbox (chromiumSandbox), as root needs.
const launchOptions = process.env.CHROMIUM ? { executablePath: process.env.CHROMIUM } : {};

const port = (name: string, fallback: number) => String(process.env[name] ?? fallback);
const AWS_PORT = port("AWS_PORT", 5100);
const PORT = port("PORT", 8100);
const WEB_PORT = port("WEB_PORT", 5180);

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1, // one stack for all
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"]],
  use: {
    ...devices["Desktop Chrome"],
    baseURL: `http://localhost:${WEB_PORT}`,
    launchOptions,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  projects: [
    // One person signs up first; the journeys that need someone signed in start as them.
    { name: "setup", testMatch: /\.setup\.ts$/ },
    { name: "journeys", dependencies: ["setup"] },
  ],
  webServer: {
    command: "make --no-print-directory -C .. dev",
    // No mobile app; warnings and errors of the stack only (a line per request would bury them).
    env: { AWS_PORT, PORT, WEB_PORT, WEB_MODE: "preview", MOBILE_PORT: "", LOG_LEVEL: "WARNING" },
    url: `http://127.0.0.1:${PORT}/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    // SIGTERM lets the stack stop moto and the web server it started.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
