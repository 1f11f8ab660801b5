// What the journeys share: signing up and in through the Authenticator the way a person does,
// a picture to upload, and screenshots of the main screens (test-results/screens/), each checked
// against WCAG 2.2 AA.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page, type Response } from "@playwright/test";
import { Secret, TOTP } from "otpauth";

/** Playwright's test, failing any test whose page broke the Content-Security-Policy (the
 * deployed app's, which `make dev` sends with the built app). */
export const test = base.extend({
  page: async ({ page }, use) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" && message.text().includes("Content Security Policy")) {
        violations.push(message.text());
      }
    });
    await use(page);
    expect(violations, "Content-Security-Policy violations").toEqual([]);
  },
});

export { expect };

export const PASSWORD = "Corr3ct-Horse-Battery";

/** What `make seed` made before the journeys (signed-in.setup.ts): local/seed/'s data files. */
export const SEEDED = {
  ...(JSON.parse(readFileSync("../local/seed/users.json", "utf8")) as {
    password: string;
    users: { email: string; display_name: string; lang: string }[];
    administrators: { email: string }[];
  }),
  posts: (() => {
    try {
      return (JSON.parse(readFileSync("../local/seed/posts.json", "utf8")) as {
        posts: { title: string; hidden?: boolean }[];
      }).posts;
    } catch {
      return []; // no board
    }
  })(),
};
/** Browser storage of the person signed up by signed-in.setup.ts (Amplify keeps tokens there). */
export const SIGNED_IN = "test-results/signed-in.json";

export interface Person {
  login: string; // what goes into the sign-in form: an e-mail, or a national phone number
  byPhone: boolean;
  totpSecret?: string; // their authenticator app's key, once they set one up
}

let people = 0;

/** The client config the app loads. */
export async function outputsOf(page: Page) {
  return await (await page.request.get("/amplify_outputs.json")).json();
}

/** The API's address, from the client config the app loads. */
export async function apiUrl(page: Page): Promise<string> {
  return (await outputsOf(page)).custom.api_url;
}

/** A new person, who signs up with an e-mail address where the pool takes them, else with a
 * phone number; `preferPhone`: with a phone number where the pool takes them. */
export async function newPerson(page: Page, preferPhone = false): Promise<Person> {
  const logins: string[] = (await outputsOf(page)).auth.username_attributes;
  const byPhone = logins.includes("phone_number") && (preferPhone || !logins.includes("email"));
  people += 1;
  const unique = `${Date.now() % 1_000_000}${people}`.padStart(7, "0").slice(-7);
  return { byPhone, login: byPhone ? `555${unique}` : `person${unique}@example.com` };
}

/** Where the pool takes either, the form asks which kind of login first. */
async function chooseLogin(page: Page, person: Person) {
  await expect(page.getByRole("tab", { name: "Sign In" })).toBeVisible(); // the form is there
  const choice = page.getByRole("button", { name: person.byPhone ? "Phone number" : "E-mail" });
  if (await choice.count()) await choice.click();
}

async function fillLogin(page: Page, person: Person) {
  if (person.byPhone) await page.getByLabel("Phone Number").fill(person.login);
  else await page.getByLabel("Email").fill(person.login);
}

/** Sign up through the form; confirm with the code the pool sent if it asks for one; ends signed
 * in on the start page. */
export async function signUp(page: Page, person: Person, screens = false) {
  await page.goto("/");
  await chooseLogin(page, person);
  await page.getByRole("tab", { name: "Create Account" }).click();
  await fillLogin(page, person);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Confirm Password").fill(PASSWORD);
  if (screens) await shoot(page, "02-sign-up");
  await page.getByRole("button", { name: "Create Account" }).click();
  const code = page.getByLabel("Confirmation Code");
  const files = page.getByRole("heading", { level: 1, name: "Your files" });
  const totpSetup = page.getByRole("heading", { name: "Setup TOTP" }); // where MFA is required
  await expect(code.or(files).or(totpSetup)).toBeVisible();
  if (await code.isVisible()) {
    if (screens) await shoot(page, "03-confirm");
    await code.fill(await mailedCode(page, person));
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect(files.or(totpSetup)).toBeVisible();
  }
  if (await totpSetup.isVisible()) {
    if (screens) await shoot(page, "03-authenticator-app");
    // The key under the QR code, as a person's authenticator app would scan it.
    person.totpSecret = (await page.locator("[data-amplify-copy] > div").first().innerText()).trim();
    await enterTotp(page, person);
  }
  await expect(files).toBeVisible();
}

/** The newest code Cognito sent the person, from the local stack's mailbox (/_mail.json): call
 * it once the form asks for the code (Cognito has answered, so the code is in the mailbox). */
export async function mailedCode(page: Page, person: Person): Promise<string> {
  const endpoint: string = (await outputsOf(page)).custom.local_endpoints.user_pool;
  const { messages } = await (await page.request.get(`${endpoint}/_mail.json`)).json();
  const codes = (messages as { to: string; code: string }[]).filter(
    (message) => message.code && message.to.endsWith(person.login), // a phone's is +1…
  );
  expect(codes, `a code sent to ${person.login}`).not.toHaveLength(0);
  return codes.at(-1)?.code ?? "";
}

/** The person's authenticator app code, entered and sent with `button`; one of the next period
 * if this one ends within seconds (Cognito takes the current period's code). */
export async function enterTotp(page: Page, person: Person, button = "Confirm") {
  const totp = new TOTP({ secret: Secret.fromBase32(person.totpSecret ?? "") });
  const left = totp.period * 1000 - (Date.now() % (totp.period * 1000));
  if (left < 3000) await page.waitForTimeout(left + 100);
  await page.getByLabel(/^Code/).fill(totp.generate());
  await page.getByRole("button", { name: button, exact: true }).click();
}

export async function signIn(page: Page, person: Person, password = PASSWORD) {
  await chooseLogin(page, person);
  await fillLogin(page, person);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  if (person.totpSecret) {
    // The right password leads to the second factor; a wrong one, to the reason.
    const code = page.getByLabel(/^Code/);
    await expect(code.or(page.getByRole("alert"))).toBeVisible();
    if (await code.isVisible()) await enterTotp(page, person);
  }
}

/** A 640×480 PNG drawn in the browser: something that looks like a photo in the screenshots. */
export async function picture(page: Page, hue = 230): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const dataUrl = await page.evaluate((h) => {
    const canvas = document.createElement("canvas");
    canvas.width = 640;
    canvas.height = 480;
    const context = canvas.getContext("2d") as CanvasRenderingContext2D;
    const sky = context.createLinearGradient(0, 0, 0, 480);
    sky.addColorStop(0, `hsl(${h}, 70%, 75%)`);
    sky.addColorStop(1, `hsl(${h + 40}, 60%, 92%)`);
    context.fillStyle = sky;
    context.fillRect(0, 0, 640, 480);
    context.fillStyle = "hsl(45, 95%, 60%)";
    context.beginPath();
    context.arc(470, 140, 60, 0, Math.PI * 2);
    context.fill();
    context.fillStyle = `hsl(${h - 90}, 35%, 38%)`;
    context.beginPath();
    context.moveTo(0, 480);
    context.lineTo(180, 230);
    context.lineTo(330, 400);
    context.lineTo(470, 260);
    context.lineTo(640, 480);
    context.fill();
    return canvas.toDataURL("image/png");
  }, hue);
  return {
    name: `photo-${hue}.png`,
    mimeType: "image/png",
    buffer: Buffer.from(dataUrl.split(",")[1] as string, "base64"),
  };
}

/** The image is on screen, loaded (not a broken icon). */
export async function expectLoaded(image: ReturnType<Page["locator"]>) {
  await expect(image).toBeVisible();
  await expect
    .poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth))
    .toBeGreaterThan(0);
}

export async function shoot(page: Page, name: string) {
  const directory = join(test.info().project.outputDir, "screens");
  mkdirSync(directory, { recursive: true });
  const path = join(directory, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await test.info().attach(name, { path, contentType: "image/png" });
  await expectAccessible(page, name);
}

/** WCAG 2.2 A and AA as axe-core checks them on the screen as it is: names and labels of every
 * control, contrast, headings, landmarks, the document's language. Every screen the journeys
 * shoot is checked. (Focus order and keyboard use are walked by the journeys themselves.) */
export async function expectAccessible(page: Page, screen: string) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const found = violations.map(
    (violation) => `${violation.id} (${violation.help}): ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
  );
  expect(found, `WCAG 2.2 AA on ${screen}`).toEqual([]);
}

/** Records the JavaScript files the page fetches from now until the returned function is called,
 * which gives each one's size gzip'd (level 9, as `make bench` counts) by address. */
export function recordJavaScript(page: Page): () => Promise<Map<string, number>> {
  const fetched: Promise<[string, number]>[] = [];
  const record = (response: Response) => {
    if (!new URL(response.url()).pathname.endsWith(".js")) return;
    fetched.push(response.body().then((body) => [response.url(), gzipSync(body, { level: 9 }).length]));
  };
  page.on("response", record);
  return async () => {
    page.off("response", record);
    return new Map(await Promise.all(fetched));
  };
}
