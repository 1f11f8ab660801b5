import { test as setup } from "@playwright/test";
import { newPerson, SIGNED_IN, signUp } from "./helpers";

setup("someone signs up and stays signed in", async ({ page }) => {
  await signUp(page, await newPerson(page));
  await page.context().storageState({ path: SIGNED_IN });
});
