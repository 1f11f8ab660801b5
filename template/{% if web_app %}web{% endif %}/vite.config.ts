/// <reference types="vitest/config" />
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig, type Connect, type Plugin } from "vite";

// The app reads its client config at run time from its own origin, `/amplify_outputs.json`, as
// the deployed app reads the file the stack writes next to it: one build serves every stage.
// Here it is the local stack's (`make dev` writes it) unless AMPLIFY_OUTPUTS names another, e.g.
// a deployed stage's client/amplify_outputs.json. The admin console's is in admin/ beside it.
const OUTPUTS = resolve(process.env.AMPLIFY_OUTPUTS ?? "../client/local/amplify_outputs.json");
const SERVED = {
  "/amplify_outputs.json": OUTPUTS,
  "/admin/amplify_outputs.json": resolve(dirname(OUTPUTS), "admin", "amplify_outputs.json"),
};

function amplifyOutputs(): Plugin {
  const serve = (middlewares: Connect.Server) => {
    for (const [url, file] of Object.entries(SERVED)) {
      middlewares.use(url, (_request, response) => {
        readFile(file).then(
          (body) => {
            response.setHeader("Content-Type", "application/json");
            response.setHeader("Cache-Control", "no-cache");
            response.end(body);
          },
          () => {
            response.statusCode = 404;
            response.end(`${file} is missing: start the local stack with \`make dev\`.`);
          },
        );
      });
    }
  };
  return {
    name: "amplify-outputs",
    configureServer: (server) => serve(server.middlewares),
    configurePreviewServer: (server) => serve(server.middlewares),
  };
}

export default defineConfig({
  plugins: [react(), amplifyOutputs()],
  resolve: {
    alias: [
      // Amplify UI's Korean strings alone (its package exports them only with the 19 others).
      {
        find: /^@aws-amplify\/ui\/korean$/,
        replacement: resolve(import.meta.dirname, "node_modules/@aws-amplify/ui/dist/esm/i18n/dictionaries/authenticator/kr.mjs"),
      },
      // The QR code the sign-in form or the profile draws once, when a user sets up an
      // authenticator app: loaded then, not with the sign-in form (src/lazyQrcode.ts).
      { find: /^qrcode$/, replacement: resolve(import.meta.dirname, "src/lazyQrcode.ts") },
    ],
  },
  build: {
    // Libraries in chunks of their own: a deploy that changes only the app's code leaves them
    // cached in browsers (their names hash their content). React and Amplify (Auth and the UI
    // primitives), both needed on the sign-in screen, are most of the JavaScript. The other
    // libraries go with the pages that use them (react-markdown with a post's page), loaded when
    // visited.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: "amplify", test: /node_modules[\\/](@aws-amplify|aws-amplify|@aws-sdk|@aws-crypto|@smithy)[\\/]/, priority: 2 },
            { name: "react", test: /node_modules[\\/](react|react-dom|react-router|scheduler|@tanstack)[\\/]/, priority: 2 },
          ],
        },
      },
    },
    chunkSizeWarningLimit: 800,
    // dist/.vite/manifest.json: which chunks each one imports, for `make bench`'s first-screen
    // figure (not deployed: infra web.py leaves .vite/ out).
    manifest: true,
  },
  // The built app served locally gets the deployed app's Content-Security-Policy (the local
  // stack passes it for its own addresses), so the browser tests meet the same rules.
  preview: {
    headers: process.env.WEB_CSP ? { "Content-Security-Policy": process.env.WEB_CSP } : {},
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test-setup.ts"],
    // One jsdom per worker thread, shared by its test files (each cleans up after itself in
    // test-setup.ts): a fifth of the time of a fresh environment and imports per file.
    pool: "threads",
    isolate: false,
  },
});
