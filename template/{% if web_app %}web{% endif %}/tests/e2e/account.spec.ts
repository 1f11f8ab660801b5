import { expect, newPerson, PASSWORD, shoot, signIn, signUp, test } from "./helpers";

test("change the password, then delete the account after confirming", async ({ page }) => {
  const person = await newPerson(page);
  await signUp(page, person);
  await page.getByRole("link", { name: "Profile" }).click();

  const newPassword = `${PASSWORD}-2`;
  // Refusals are said at the field they are about.
  await page.getByLabel("Current password").fill(`${PASSWORD}-wrong`);
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Confirm new password").fill(newPassword);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("The current password is not right.")).toBeVisible();
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Confirm new password").fill(`${newPassword}x`);
  await expect(page.getByText("The passwords do not match")).toBeVisible();
  await page.getByLabel("Confirm new password").fill(newPassword);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password was changed.")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, person, newPassword);
  await page.getByRole("link", { name: "Profile" }).click();

  await page.getByRole("button", { name: "Delete my account…" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete your account?" });
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await shoot(page, "08-delete-account");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "Delete my account…" }).click();
  await dialog.getByRole("button", { name: "Yes, delete my account" }).click();
  await expect(page.getByRole("tab", { name: "Sign In" })).toBeVisible();
  await expect(page.getByText(/^Your account was deleted/)).toBeVisible();
  await signIn(page, person, newPassword);
  // As the deployed pool says it: an unknown login is a wrong password (local/aws/user_pools.py)
  await expect(page.getByText(/incorrect username or password/i)).toBeVisible();
});

test("reset a forgotten password with the code Cognito sends", async ({ page }) => {
  const person = await newPerson(page);
  await signUp(page, person);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Forgot your password?" }).click();
  if (person.byPhone) await page.getByLabel("Phone Number").fill(person.login);
  else await page.getByLabel("Email").fill(person.login);
  await page.getByRole("button", { name: "Send code" }).click();
  const newPassword = `${PASSWORD}-reset`;
  await page.getByLabel(/^Code/).fill("123456"); // any code confirms locally
  await page.getByLabel("New Password", { exact: true }).fill(newPassword);
  await page.getByLabel("Confirm Password").fill(newPassword);
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByText("Your password was reset: sign in with the new one.")).toBeVisible();
  await signIn(page, person, PASSWORD);
  await expect(page.getByText(/incorrect username or password/i)).toBeVisible();
  await signIn(page, person, newPassword);
  await expect(page.getByRole("heading", { level: 1, name: "Your files" })).toBeVisible();
});
