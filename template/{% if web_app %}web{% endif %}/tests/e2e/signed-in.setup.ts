import { newPerson, SIGNED_IN, signUp, test as setup } from "./helpers";

setup("someone signs up and stays signed in", async ({ page }) => {
  await signUp(page, await newPerson(page, true)); // by phone where the pool takes phones
  await page.context().storageState({ path: SIGNED_IN });
});
