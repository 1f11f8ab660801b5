import { apiUrl, expect, expectLoaded, picture, shoot, SIGNED_IN, test } from "./helpers";

test.use({ storageState: SIGNED_IN });

test("a file keeps its name, is yours alone unless you choose otherwise, and can be deleted", async ({ page }) => {
  await page.goto("/files");
  const cards = page.getByRole("list", { name: "Your files" }).getByRole("listitem");
  // The person may have files from other journeys (the board's pictures): count after the list loads.
  await expect(page.getByRole("list", { name: "Your files" }).or(page.getByText("No files yet"))).toBeVisible();
  const before = await cards.count();
  await expect(page.getByRole("radio", { name: "Only you" })).toBeChecked();
  await page.getByLabel("Choose a file").setInputFiles({ ...(await picture(page, 320)), name: "내 사진 (1).png" });
  const mine = cards.filter({ hasText: "내 사진 (1).png" });
  await expect(mine).toContainText("Only you");
  await expectLoaded(mine.getByRole("img"));

  const who = page.getByRole("radiogroup", { name: "Who can open the files you upload" });
  await who.getByText("Anyone with the link").click();
  await expect(who.getByRole("radio", { name: "Anyone with the link" })).toBeChecked();
  await page.getByLabel("Choose a file").setInputFiles({ ...(await picture(page, 40)), name: "poster.png" });
  const shared = cards.filter({ hasText: "poster.png" });
  await expect(shared).toContainText("Anyone with the link");
  await expectLoaded(shared.getByRole("img"));
  await shoot(page, "04-files-levels");

  await mine.getByRole("button", { name: "Delete 내 사진 (1).png" }).click();
  await shared.getByRole("button", { name: "Delete poster.png" }).click();
  await expect(cards).toHaveCount(before);
});

test("every refused or failed call is said on screen", async ({ page }) => {
  await page.goto("/files");
  // A type the API does not take.
  await page.getByLabel("Choose a file").setInputFiles({
    name: "archive.zip",
    mimeType: "application/zip",
    buffer: Buffer.from("PK"),
  });
  await expect(page.getByRole("alert")).toContainText("cannot be uploaded");
  // The API failing: the list says so rather than looking empty.
  await page.route(new URL("files", await apiUrl(page)).href, (route) =>
    route.fulfill({ status: 500, contentType: "application/json", body: '{"code":"internal_error","message":"Boom"}' }),
  );
  await page.reload();
  await expect(page.getByRole("alert").filter({ hasText: "could not be loaded" })).toContainText("Boom");
});

test("an expired session goes back to the sign-in form", async ({ page }) => {
  // What API Gateway answers once the id token has expired or been revoked.
  await page.route(new URL("files", await apiUrl(page)).href, (route) =>
    route.fulfill({ status: 401, contentType: "application/json", body: '{"code":"unauthorized","message":"Unauthorized"}' }),
  );
  await page.goto("/files");
  await expect(page.getByRole("tab", { name: "Sign In" })).toBeVisible();
});

test("a phone's width: nothing wider than the screen; the keyboard starts at the skip link", async ({
  page,
}) => {
  await page.setViewportSize({ width: 375, height: 812 });
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  for (const [path, heading] of [
    ["/files", "Your files"],
    ["/profile", "Your profile"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await shoot(page, `09-phone${path.replace("/", "-")}`);
  }
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
});
