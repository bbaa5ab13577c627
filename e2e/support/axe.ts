import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

/**
 * No serious or critical axe violations on the page as it stands. A page that just refreshed its
 * server components (router.refresh()) can be between two heads for a moment; the check waits until
 * it has a title again (a page with none still fails, here), then analyses.
 */
export async function expectNoSeriousViolations(page: Page) {
  await expect(page).toHaveTitle(/\S/);
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(serious).toEqual([]);
}
