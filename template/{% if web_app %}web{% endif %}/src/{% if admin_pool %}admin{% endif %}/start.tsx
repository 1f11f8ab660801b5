// The admin console: the users' app's frame, sign-in and language switch, with its own client
// config (admin/amplify_outputs.json: the admin pool, whose tokens the gateway requires on
// /admin/*) and its own pages. main.tsx loads it for the paths under /admin.
import { StrictMode } from "react";
import type { Root } from "react-dom/client";
import { App } from "../App";
import { ADMIN_OUTPUTS_URL, configure, loadOutputs } from "../auth/config";
import { ADMIN_SITE } from ".";

export async function start(root: Root): Promise<void> {
  const outputs = await loadOutputs(fetch, ADMIN_OUTPUTS_URL);
  configure(outputs);
  root.render(
    <StrictMode>
      <App outputs={outputs} site={ADMIN_SITE} />
    </StrictMode>,
  );
}
