import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "switchboard-demo";

/** Signs in through the real login page. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function expectLive(page: Page) {
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
}
