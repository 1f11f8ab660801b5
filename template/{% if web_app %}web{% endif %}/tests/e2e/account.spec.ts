import { enterTotp, expect, mailedCode, newPerson, outputsOf, PASSWORD, shoot, signIn, signUp, test } from "./helpers";

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
  await expect(page.getByLabel(/^Code/)).toBeVisible(); // Cognito answered: the code is sent
  const code = await mailedCode(page, person);
  await page.getByLabel(/^Code/).fill(String((Number(code) + 1) % 1_000_000).padStart(6, "0"));
  await page.getByLabel("New Password", { exact: true }).fill(newPassword);
  await page.getByLabel("Confirm Password").fill(newPassword);
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByText("Invalid verification code provided, please try again.")).toBeVisible();
  await page.getByLabel(/^Code/).fill(code); // only the code sent resets it, as on AWS
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByText("Your password was reset: sign in with the new one.")).toBeVisible();
  await signIn(page, person, PASSWORD);
  await expect(page.getByText(/incorrect username or password/i)).toBeVisible();
  await signIn(page, person, newPassword);
  await expect(page.getByRole("heading", { level: 1, name: "Your files" })).toBeVisible();
});

test("two-step sign-in: set up an authenticator app, sign in with its code, turn it off", async ({ page }) => {
  const person = await newPerson(page);
  await signUp(page, person);
  const mfa = (await outputsOf(page)).auth.mfa_configuration;
  await page.getByRole("link", { name: "Profile" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Change password" })).toBeVisible();
  const section = page.getByRole("heading", { level: 2, name: "Two-step sign-in" });
  if (mfa === "NONE") return await expect(section).toBeHidden();
  if (mfa === "REQUIRED") {
    // Set up at the first sign-in (helpers' signUp), and not something to turn off.
    await expect(page.getByText(/asks every account for a code/)).toBeVisible();
    return await expect(page.getByRole("button", { name: "Turn off two-step sign-in" })).toBeHidden();
  }
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  person.totpSecret = (await page.locator(".totp-key").innerText()).trim();
  await shoot(page, "09-two-step-setup");
  await enterTotp(page, person, "Turn on");
  await expect(page.getByText(/^On: signing in asks for a code/)).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, person); // the password, then the authenticator's code
  await expect(page.getByRole("heading", { level: 1, name: "Your profile" })).toBeVisible();
  await page.getByRole("button", { name: "Turn off two-step sign-in" }).click();
  await expect(page.getByText(/^Off\./)).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  person.totpSecret = undefined;
  await signIn(page, person); // the password alone again
  await expect(page.getByRole("heading", { level: 1, name: "Your profile" })).toBeVisible();
});
