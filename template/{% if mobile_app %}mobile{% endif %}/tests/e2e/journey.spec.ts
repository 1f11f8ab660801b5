// A newcomer's journey through the mobile app's web build at a phone's size: the board signed
// out, sign-up (the code and the authenticator app where the pool asks), a profile picture, an
// upload, a post with a picture, sign-out; then the same person on the web app, seeing the
// profile and the file the phone made. Screenshots in test-results/screens/.
import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { WEB_APP } from "../../playwright.config";

const PASSWORD = "Corr3ct-Horse-Battery";
const SCREENS = "test-results/screens";

async function shoot(page: Page, name: string) {
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage: true });
}

/** The authenticator app's code, from the next period if this one's was used or ends soon
 * (Cognito takes each code once). */
let lastPeriod = -1;
async function totpCode(page: Page, secret: string): Promise<string> {
  const totp = new TOTP({ secret: Secret.fromBase32(secret) });
  const period = totp.period * 1000;
  const current = Math.floor(Date.now() / period);
  const left = period - (Date.now() % period);
  if (current === lastPeriod || left < 3000) await page.waitForTimeout(left + 200);
  lastPeriod = Math.floor(Date.now() / period);
  return totp.generate();
}

/** The newest code the local stack's Cognito sent to `login` (its mailbox). */
async function mailedCode(page: Page, login: string): Promise<string> {
  const outputs = await (await page.request.get("/amplify_outputs.json")).json();
  const mail = await page.request.get(`${outputs.custom.local_endpoints.user_pool}/_mail.json`);
  const { messages } = (await mail.json()) as { messages: { to: string; code?: string }[] };
  const code = messages.filter((message) => message.code && message.to === login).at(-1)?.code;
  expect(code, `a code sent to ${login}`).toBeTruthy();
  return code ?? "";
}

/** A picture to upload: a 320×240 PNG drawn by the browser. */
async function picture(page: Page, hue: number) {
  const dataUrl = await page.evaluate((h) => {
    const canvas = document.createElement("canvas");
    canvas.width = 320;
    canvas.height = 240;
    const context = canvas.getContext("2d") as CanvasRenderingContext2D;
    context.fillStyle = `hsl(${h}, 70%, 70%)`;
    context.fillRect(0, 0, 320, 240);
    context.fillStyle = "hsl(45, 95%, 60%)";
    context.beginPath();
    context.arc(240, 70, 36, 0, Math.PI * 2);
    context.fill();
    return canvas.toDataURL("image/png");
  }, hue);
  return { name: `picture-${hue}.png`, mimeType: "image/png", buffer: Buffer.from(dataUrl.split(",")[1] ?? "", "base64") };
}

async function choose(page: Page, button: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: button, exact: true }).click();
  await (await chooser).setFiles(file);
}

test("a newcomer signs up on the phone, and finds it all on the web app", async ({ page }) => {
  const login = `phone${Date.now() % 1_000_000}@example.com`;
  let secret = "";

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Board", exact: true })).toBeVisible();
  await shoot(page, "01-board-signed-out");

  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // A button per identity provider of the pool (the hosted UI they lead to is not local).
  const file = await (await page.request.get("/amplify_outputs.json")).json();
  const providers = [...(file.custom.oidc_providers ?? []), ...(file.auth.oauth?.identity_providers ?? [])];
  await expect(page.getByRole("button", { name: /^Continue with / })).toHaveCount(providers.length);
  const byEmail = page.getByRole("button", { name: "E-mail", exact: true });
  if (await byEmail.count()) await byEmail.click(); // where the pool takes phones too
  await page.getByRole("button", { name: "Create account", exact: true }).click();
  await page.getByRole("textbox", { name: "E-mail", exact: true }).fill(login); // (a button says E-mail too)
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Confirm password", { exact: true }).fill(PASSWORD);
  await shoot(page, "02-sign-up");
  await page.getByRole("button", { name: "Create account", exact: true }).click();

  const code = page.getByLabel("Confirmation code");
  const key = page.getByTestId("totp-key");
  const board = page.getByRole("heading", { name: "Board", exact: true });
  await expect(code.or(key).or(board)).toBeVisible();
  if (await code.isVisible()) {
    await code.fill(await mailedCode(page, login));
    await page.getByRole("button", { name: "Confirm", exact: true }).click();
    await expect(key.or(board)).toBeVisible();
  }
  if (await key.isVisible()) {
    await shoot(page, "03-authenticator-app");
    secret = (await key.innerText()).trim();
    await page.getByLabel("Code from the app").fill(await totpCode(page, secret));
    await page.getByRole("button", { name: "Confirm", exact: true }).click();
  }
  await expect(board).toBeVisible();
  await expect(page.getByRole("button", { name: "Write a post" })).toBeVisible();

  // Profile: a display name and a picture.
  await page.getByRole("button", { name: "Profile", exact: true }).click();
  const name = page.getByLabel("Display name");
  await name.fill("Mina on the phone");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await choose(page, "Change picture", await picture(page, 200));
  await expect(page.getByRole("img", { name: "Your profile picture" })).toBeVisible();
  await shoot(page, "04-profile");

  // Files, after a restart of the app: the session is still there.
  await page.goto("/files");
  await expect(page.getByRole("heading", { level: 1, name: "Your files" })).toBeVisible();
  const notes = { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("Written on a phone\n") };
  await choose(page, "Choose a file", notes);
  await expect(page.getByRole("listitem").filter({ hasText: "notes.txt" })).toBeVisible();
  const outputs = await (await page.request.get("/amplify_outputs.json")).json();
  if (outputs.custom.websocket_url) {
    // realtime: the API's push about the upload, over the WebSocket
    await expect(page.getByText("A file was saved to your files.")).toBeVisible();
  }
  await shoot(page, "05-files");

  // A post with a picture.
  await page.goto("/");
  await page.getByRole("button", { name: "Write a post" }).click();
  await page.getByLabel("Title", { exact: true }).fill("Hello from a phone");
  await page.getByLabel("Text", { exact: true }).fill("Posted from the mobile app.");
  await choose(page, "Add a picture", await picture(page, 120));
  await expect(page.getByRole("img", { name: "Picture 1 of 1" })).toBeVisible();
  await shoot(page, "06-new-post");
  await page.getByRole("button", { name: "Publish" }).click();
  const post = page.getByRole("listitem").filter({ hasText: "Hello from a phone" });
  await expect(post).toBeVisible();
  await expect(post.getByRole("img", { name: "Picture 1 of 1" })).toBeVisible();
  await shoot(page, "07-board-signed-in");

  // Sign out.
  await page.getByRole("button", { name: "Profile", exact: true }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await shoot(page, "08-signed-out");

  // The same person on the web app: the same profile and files.
  await page.goto(WEB_APP);
  const webEmail = page.getByRole("button", { name: "E-mail" });
  await expect(page.getByRole("tab", { name: "Sign In" })).toBeVisible();
  if (await webEmail.count()) await webEmail.click();
  await page.getByLabel("Email").fill(login);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  if (secret) {
    await page.getByLabel(/^Code/).fill(await totpCode(page, secret));
    await page.getByRole("button", { name: "Confirm", exact: true }).click();
  }
  await expect(page.getByRole("heading", { level: 1, name: "Your files" })).toBeVisible();
  await expect(page.getByText("notes.txt").first()).toBeVisible();
  await page.goto(`${WEB_APP}/profile`);
  await expect(page.getByLabel("Display name")).toHaveValue("Mina on the phone");
  await shoot(page, "09-web-app-profile");
});
