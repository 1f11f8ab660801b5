import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { newPerson, SIGNED_IN, signUp, test as setup } from "./helpers";

setup("someone signs up and stays signed in; meanwhile `make seed` fills the stack", async ({ page }) => {
  // The seeded world (local/seed/: people, posts, an administrator) is made while the browser
  // signs up, so it costs the suite no time; the journeys that need it start from it.
  const seeding = promisify(execFile)("make", ["--no-print-directory", "-C", "..", "seed"], { timeout: 90_000 });
  await signUp(page, await newPerson(page, true)); // by phone where the pool takes phones
  await page.context().storageState({ path: SIGNED_IN });
  await seeding;
});
