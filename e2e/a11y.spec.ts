import { expectNoSeriousViolations } from "./support/axe";
import { expectLive, signIn } from "./support/demo";
import { expect, test } from "./support/fixtures";

test("the dashboard has no serious or critical accessibility violations", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  await expect(page).toHaveURL(/\/dashboard$/);
  await expectLive(page);
  await expect(page.getByRole("list", { name: "Dashboard loading progress" }).locator('[data-phase="data"]')).toHaveAttribute("data-status", "done");
  await expect(page.getByRole("region", { name: "Message analytics" }).getByRole("application")).toHaveCount(1);
  await expectNoSeriousViolations(page);
});

test("the agent workspace has no serious or critical accessibility violations", async ({ page }) => {
  await signIn(page, "agent@acme.test");
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/agent");
  await expectLive(page);
  await expect(page.getByLabel("My status")).toBeVisible();
  await expectNoSeriousViolations(page);
});

test("the customer chat page has no serious or critical accessibility violations", async ({ page }) => {
  await page.goto("/chat/acme");
  await expect(page.getByRole("button", { name: "Start chat" })).toBeVisible();
  await expectNoSeriousViolations(page);
});

test("the knowledge base and a public help article have no serious or critical accessibility violations", async ({ page }) => {
  await signIn(page, "manager@both.test");
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/knowledge");
  await expect(page.getByRole("switch", { name: "Assistant answers new chats" })).toBeVisible();
  // Field errors shown, so their markup is checked too.
  await page.getByRole("button", { name: "Add article" }).click();
  await expect(page.getByRole("alert").first()).toBeVisible();
  await expectNoSeriousViolations(page);
  await page
    .getByRole("link", { name: /^Public page of / })
    .first()
    .click();
  await expect(page.getByRole("article")).toBeVisible();
  await expectNoSeriousViolations(page);
});

test("the settings, team, businesses, account and forgot-password pages have no serious or critical accessibility violations, also at phone width", async ({ page }) => {
  await page.goto("/forgot-password");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoSeriousViolations(page);
  await signIn(page, "owner@acme.test");
  await expect(page).toHaveURL(/\/dashboard$/);
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of ["/settings", "/settings/team", "/settings/businesses", "/account"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoSeriousViolations(page);
      // Nothing wider than the screen: the page itself never scrolls sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    }
  }
});

test.describe("an address that leads nowhere", () => {
  // The 404s asked for, as responses and as Chromium's console lines about them.
  test.use({ allowProblems: /404/ });

  test("gets a page that says so, with a way back: status 404, accessible, also at phone width", async ({ page }) => {
    for (const [width, path] of [
      [1280, "/no-such-page"],
      [375, "/chat/no-such-business"],
    ] as const) {
      await page.setViewportSize({ width, height: 800 });
      expect((await page.goto(path))?.status()).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
      await expect(page).toHaveTitle(/not found · Switchboard$/);
      await expect(page.getByRole("link", { name: "Go to your dashboard" })).toHaveAttribute("href", "/");
      await expectNoSeriousViolations(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    }
  });
});
