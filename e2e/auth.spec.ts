import { expect, test } from "./support/fixtures";
import { demoAccounts } from "../lib/seed/demo-data.server";
import { expectLive, signIn } from "./support/demo";

test("an admin signs in through the login page and sees a live dashboard", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByLabel("Business").getByRole("option")).toHaveText(["Acme Support"]);
  await expect(page.getByText("Globex")).toHaveCount(0);
  await expectLive(page);
});

test.describe("wrong password", () => {
  // next-auth answers the failed credentials POST with 401: that one is expected.
  test.use({ allowProblems: /401.*\/api\/auth\/callback\/credentials/ });

  test("shows an error and stays on the login page", async ({ page }) => {
    await signIn(page, "owner@acme.test", "not-the-password");
    await expect(page.getByRole("alert").filter({ hasText: "Invalid email or password." })).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });
});

test("protected pages redirect to login and come back after signing in", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdashboard/);
  await page.getByLabel("Email").fill("manager@both.test");
  await page.getByLabel("Password").fill("switchboard-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByLabel("Business").getByRole("option")).toHaveCount(2);
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, "agent@acme.test");
  await expectLive(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);
});

test("every demo account can sign in", async ({ browser }) => {
  // Ten sign-ins, each loading a dashboard: more than one test's usual minute on a busy 2-core box.
  test.setTimeout(180_000);
  for (const account of demoAccounts) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, account.email);
    await expect(page, account.email).toHaveURL(/\/dashboard$/);
    await context.close();
  }
});
