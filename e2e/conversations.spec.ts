import { expectNoSeriousViolations } from "./support/axe";
import { customerPage, signIn, startCustomerChat, unique } from "./support/demo";
import { expect, test } from "./support/fixtures";

test("conversation history: search finds a chat by a word in it, a filter narrows, the conversation opens with its timeline; keyboard, axe and 375 px", async ({ page, browser, problems }) => {
  const token = unique("kayak").replace(" ", "");
  const customerName = unique("Robin");
  const customer = await customerPage(browser, problems);
  await startCustomerChat(customer, { name: customerName, message: `Hello, my ${token} paddle arrived broken` });

  await page.setViewportSize({ width: 375, height: 800 });
  await signIn(page, "owner@acme.test");
  await page.waitForURL(/\/dashboard/);
  await page.goto("/conversations");
  await expect(page.getByRole("heading", { level: 1, name: "Conversations" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Staff pages" }).getByRole("link", { name: "Dashboard" })).toBeVisible();

  // Keyboard only: type in the search box and press Enter.
  const search = page.getByRole("searchbox", { name: "Search messages" });
  await search.focus();
  await page.keyboard.type(token);
  await page.keyboard.press("Enter");
  await page.waitForURL((url) => url.searchParams.get("q") === token);
  const result = page.getByRole("article").filter({ hasText: customerName });
  await expect(result).toHaveCount(1);
  await expect(result.locator("mark")).toHaveText(token);
  await expectNoSeriousViolations(page);

  // A filter narrows: the chat is not closed yet, so "Closed" leaves nothing; Back restores the search.
  await page.getByLabel("Status").selectOption("CLOSED");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL((url) => url.searchParams.get("status") === "CLOSED" && url.searchParams.get("q") === token);
  await expect(page.getByText("No conversation has messages matching this search and these filters.")).toBeVisible();
  await page.goBack();
  await page.waitForURL((url) => !url.searchParams.has("status"));
  await expect(page.getByRole("article").filter({ hasText: customerName })).toHaveCount(1);
  await expect(page.getByRole("searchbox", { name: "Search messages" })).toHaveValue(token);

  // Open it: the transcript and the timeline, downloads for the owner.
  await page.getByRole("link", { name: customerName }).click();
  await page.waitForURL(/\/conversations\/[0-9a-f-]{36}/);
  await expect(page.getByRole("heading", { level: 1, name: `Conversation with ${customerName}` })).toBeVisible();
  await expect(page.getByRole("region", { name: "Transcript", exact: true })).toContainText(`my ${token} paddle arrived broken`);
  await expect(page.getByRole("region", { name: "Timeline" }).getByText("Conversation started")).toBeVisible();
  await expect(page.getByRole("link", { name: "For the customer (text)" })).toBeVisible();
  const noHorizontalScroll = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  expect(noHorizontalScroll).toBe(true);
  await expectNoSeriousViolations(page);
});

test("an agent sees the history without export or transcript downloads", async ({ page }) => {
  await signIn(page, "agent@acme.test");
  await page.waitForURL(/\/(dashboard|agent)/);
  await page.goto("/conversations");
  await expect(page.getByRole("heading", { level: 1, name: "Conversations" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Export these conversations/ })).toHaveCount(0);
  await page.getByRole("article").first().getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Timeline" })).toBeVisible();
  await expect(page.getByRole("link", { name: "For the customer (text)" })).toHaveCount(0);
});
