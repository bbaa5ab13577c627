import type { Browser, Page } from "@playwright/test";
import { expectNoSeriousViolations } from "./support/axe";
import { customerPage, expectLive, openWorkspace, queuePosition, queueRow, signIn, startCustomerChat, unique } from "./support/demo";
import { expect, test, watchForProblems } from "./support/fixtures";

// The duplicate name is refused on purpose (409).
test.use({ allowProblems: /(HTTP 409: |409 \(Conflict\) @ ).*\/api\/v1\/admin\/tags/ });

/** A staff member in a browser of their own, with the workspace open. */
async function staffPage(browser: Browser, problems: string[], email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  watchForProblems(page, problems);
  await openWorkspace(page, email);
  return page;
}

/** Adds a tag on /settings/tags (name and colour). */
async function addTag(admin: Page, name: string, color: string) {
  const form = admin.getByRole("region", { name: "New tag" });
  await form.getByLabel("Name").fill(name);
  await form.getByText(color, { exact: true }).click();
  await form.getByRole("button", { name: "Add tag" }).click();
  await expect(admin.getByRole("list", { name: /Tags/ }).getByText(name.toLowerCase(), { exact: true })).toBeVisible();
}

test("tags: an admin keeps the list; an agent tags a chat, a colleague sees it live and filters the queue by it", async ({ page: admin, browser, problems }) => {
  // Three browsers, two customers and four axe passes: about 50 s on a quiet box, beyond 60 on a busy one.
  test.setTimeout(120_000);
  const billing = unique("Billing").toLowerCase();
  const vip = unique("VIP").toLowerCase();

  await signIn(admin, "owner@acme.test");
  await expect(admin).toHaveURL(/\/dashboard$/);
  await admin.goto("/settings/tags");
  await expect(admin.getByRole("heading", { name: "Tags", level: 1 })).toBeVisible();
  await addTag(admin, `  ${billing.toUpperCase()} `, "amber");
  await addTag(admin, vip, "violet");
  // A name the business already has, in other letters: refused under the field.
  await admin.getByRole("region", { name: "New tag" }).getByLabel("Name").fill(billing.toUpperCase());
  await admin.getByRole("button", { name: "Add tag" }).click();
  await expect(admin.getByText("A tag with this name already exists.")).toBeVisible();
  await expectNoSeriousViolations(admin);
  await admin.setViewportSize({ width: 375, height: 740 });
  expect(await admin.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await expectNoSeriousViolations(admin);

  const taggedName = unique("Tagged Taylor");
  const otherName = unique("Other Olive");
  for (const [name, message] of [
    [taggedName, unique("I was charged twice, can I talk to a person?")],
    [otherName, unique("My password reset fails, can I talk to a person?")],
  ]) {
    const customer = await customerPage(browser, problems);
    await startCustomerChat(customer, { name, message });
    await queuePosition(customer);
  }

  const agent = await staffPage(browser, problems, "liam@acme.test");
  const colleague = await staffPage(browser, problems, "sofia@acme.test");
  await expect(queueRow(colleague, taggedName)).toBeVisible();

  // The agent tags the waiting chat from its conversation pane, with the keyboard: type, ↓, Enter.
  await queueRow(agent, taggedName).getByText(taggedName).click();
  const addTagBox = agent.getByRole("combobox", { name: "Add a tag to this chat" });
  await addTagBox.click();
  // Most of the name narrows the list to this run's tag; ↓ wraps to it and Enter adds it.
  await addTagBox.fill(billing.slice(0, -2));
  const options = agent.getByRole("listbox", { name: "Add a tag to this chat" }).getByRole("option");
  await expect(options).toHaveText([billing]);
  await addTagBox.press("ArrowDown");
  await expect(options.first()).toHaveAttribute("aria-selected", "true");
  await addTagBox.press("Enter");
  const chatTags = agent.getByRole("list", { name: "Tags of this chat" });
  await expect(chatTags.getByText(billing)).toBeVisible();
  await addTagBox.fill(vip);
  await expect(options).toHaveText([vip]);
  await addTagBox.press("Enter");
  await expect(chatTags.getByText(vip)).toBeVisible();

  // Live in the colleague's queue, on the chat's row.
  await expect(queueRow(colleague, taggedName)).toContainText(billing);
  await expect(queueRow(colleague, taggedName)).toContainText(vip);

  // The colleague filters the queue by the tag: only the tagged chat stays, and the list says so.
  const queue = colleague.getByRole("region", { name: /Queue/ });
  await queue.getByLabel("Filter by tag").selectOption({ label: billing });
  await expect(queueRow(colleague, taggedName)).toBeVisible();
  await expect(queueRow(colleague, otherName)).toHaveCount(0);
  await expect(queue.getByRole("status")).toContainText(`tagged “${billing}”`);
  await expectNoSeriousViolations(colleague);
  await colleague.setViewportSize({ width: 375, height: 740 });
  await expect(queueRow(colleague, taggedName)).toBeVisible();
  expect(await colleague.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await expectNoSeriousViolations(colleague);

  // Removing it (its × button) takes the chat out of the filtered queue, live.
  await chatTags.getByRole("button", { name: `Remove tag ${billing}` }).click();
  await expect(chatTags.getByText(billing)).toHaveCount(0);
  await expect(queueRow(colleague, taggedName)).toHaveCount(0);
  await queue.getByLabel("Filter by tag").selectOption({ label: "All chats" });
  await expect(queueRow(colleague, taggedName)).toContainText(vip);

  // The dashboard's waiting queue shows the tag and filters by it too.
  await admin.setViewportSize({ width: 1280, height: 900 });
  await admin.goto("/dashboard");
  // The filter is the page's own state: choosing before it has hydrated would be undone (a CI run
  // picked the tag on the server-rendered select and saw it back on "All chats").
  await expectLive(admin);
  const waiting = admin.getByRole("region", { name: "Waiting queue" });
  await expect(waiting.getByRole("listitem").filter({ hasText: taggedName })).toContainText(vip);
  await waiting.getByLabel("Filter by tag").selectOption({ label: vip });
  await expect(waiting.getByRole("listitem").filter({ hasText: otherName })).toHaveCount(0);
  await expect(waiting.getByRole("listitem").filter({ hasText: taggedName })).toBeVisible();
  await expectNoSeriousViolations(admin);

  await agent.context().close();
  await colleague.context().close();
});
