import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expectNoSeriousViolations } from "./support/axe";
import { customerPage, openWorkspace, queuePosition, queueRow, signIn, startCustomerChat, unique } from "./support/demo";
import { expect, test, watchForProblems } from "./support/fixtures";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

// The duplicate shortcut the owner tries on purpose.
test.use({ allowProblems: /409.*\/api\/v1\/admin\/saved-replies\?/ });

/** Adds a saved reply through the settings page's "New saved reply" form, typing its body (the caller may have put variables in with the buttons). */
async function addReply(page: Page, reply: { title: string; shortcut: string; body: string }) {
  const form = page.getByRole("region", { name: "New saved reply" });
  await form.getByLabel("Title").fill(reply.title);
  await form.getByLabel("Shortcut").fill(reply.shortcut);
  await form.getByLabel("Reply", { exact: true }).fill(reply.body);
  await form.getByRole("button", { name: "Add saved reply" }).click();
  await expect(
    page
      .getByRole("region", { name: /^Saved replies \(/ })
      .getByRole("listitem")
      .filter({ hasText: reply.title }),
  ).toBeVisible();
}

test("an owner writes saved replies with variables; an agent picks one with / and the keyboard, filled in; an empty variable is flagged, never sent blank", async ({
  page: owner,
  browser,
  problems,
}) => {
  const run = randomUUID().slice(0, 6);
  const greeting = { title: `Greeting ${run}`, shortcut: `Hi-${run}` };
  const label = { title: `Return label ${run}`, shortcut: `label-${run}`, body: "I've sent a return label to {{ customer.email }}. Anything else, {{customer.name}}?" };

  // The owner's settings page, reached from the staff nav.
  await signIn(owner, "owner@acme.test");
  await expect(owner).toHaveURL(/\/dashboard$/);
  await owner.getByRole("navigation", { name: "Staff pages" }).getByRole("link", { name: "Saved replies" }).click();
  await expect(owner.getByRole("heading", { level: 1, name: "Saved replies" })).toBeVisible();
  await expect(owner.getByRole("region", { name: "Variables" })).toContainText("{{customer.email}}");

  // Nothing filled in: each field says what is wrong.
  const form = owner.getByRole("region", { name: "New saved reply" });
  await form.getByRole("button", { name: "Add saved reply" }).click();
  await expect(form.getByRole("alert").filter({ hasText: "Title must not be empty." })).toBeVisible();
  await expect(form.getByRole("alert").filter({ hasText: "Body must not be empty." })).toBeVisible();
  await expect(form.getByRole("alert").filter({ hasText: "Shortcut must be 1–32 characters" })).toBeVisible();

  // The greeting's variables go in with the buttons, at the caret.
  await form.getByLabel("Title").fill(greeting.title);
  await form.getByLabel("Shortcut").fill(greeting.shortcut);
  const body = form.getByLabel("Reply", { exact: true });
  await body.fill("Hi ");
  await form.getByRole("button", { name: "Insert {{customer.name}}" }).click();
  await expect(body).toBeFocused();
  await owner.keyboard.type(", this is ");
  await form.getByRole("button", { name: "Insert {{agent.name}}" }).click();
  await owner.keyboard.type(" from ");
  await form.getByRole("button", { name: "Insert {{business.name}}" }).click();
  await owner.keyboard.type(". How can I help?");
  await expect(body).toHaveValue("Hi {{customer.name}}, this is {{agent.name}} from {{business.name}}. How can I help?");
  await form.getByRole("button", { name: "Add saved reply" }).click();
  const list = owner.getByRole("region", { name: /^Saved replies \(/ });
  // Stored lowercase.
  await expect(list.getByRole("listitem").filter({ hasText: greeting.title })).toContainText(`/hi-${run}`);

  await addReply(owner, label);
  // A shortcut is one per business, whatever its case.
  await form.getByLabel("Title").fill("Another label");
  await form.getByLabel("Shortcut").fill(label.shortcut.toUpperCase());
  await form.getByLabel("Reply", { exact: true }).fill("A typo: {{customer.phone}}");
  await expect(form.getByText("{{customer.phone}} is not a variable Switchboard knows")).toBeVisible();
  await form.getByRole("button", { name: "Add saved reply" }).click();
  await expect(form.getByRole("alert").filter({ hasText: "Already used by another saved reply." })).toBeVisible();
  await expect(list.getByRole("listitem").filter({ hasText: "Another label" })).toHaveCount(0);

  // The settings page is accessible and fits a phone.
  await expectNoSeriousViolations(owner);
  await owner.setViewportSize({ width: 375, height: 740 });
  await expect(list.getByRole("listitem").filter({ hasText: label.title })).toBeVisible();
  expect(await owner.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await expectNoSeriousViolations(owner);

  // A customer without an email, taken by an agent.
  const customerName = unique("Robin");
  const customer = await customerPage(browser, problems);
  await startCustomerChat(customer, { name: customerName, message: unique("My parcel arrived broken") });
  await queuePosition(customer);
  const agent = await (await browser.newContext()).newPage();
  watchForProblems(agent, problems);
  await openWorkspace(agent, "liam@acme.test");
  await queueRow(agent, customerName).getByRole("button", { name: "Claim" }).click();

  // Keyboard only: "/" and part of the shortcut open the list; arrows move; Enter inserts, filled in.
  const reply = agent.getByLabel("Reply", { exact: true });
  await reply.focus();
  await agent.keyboard.type(`/${run}`);
  const listbox = agent.getByRole("listbox", { name: "Saved replies" });
  await expect(listbox.getByRole("option")).toHaveText([new RegExp(greeting.title), new RegExp(label.title)]);
  await expect(listbox.getByRole("option", { name: new RegExp(greeting.title) })).toHaveAttribute("aria-selected", "true");
  await agent.keyboard.press("ArrowDown");
  await expect(listbox.getByRole("option", { name: new RegExp(label.title) })).toHaveAttribute("aria-selected", "true");
  await expect(reply).toHaveAttribute("aria-activedescendant", (await listbox.getByRole("option", { name: new RegExp(label.title) }).getAttribute("id"))!);
  await agent.keyboard.press("ArrowUp");
  await expect(listbox.getByRole("option", { name: new RegExp(greeting.title) })).toHaveAttribute("aria-selected", "true");
  await agent.keyboard.press("Enter");
  await expect(listbox).toHaveCount(0);
  const filledGreeting = `Hi ${customerName}, this is Liam O'Brien from Acme Support. How can I help?`;
  await expect(reply).toHaveValue(filledGreeting);
  await expect(reply).toBeFocused();
  await agent.keyboard.press("Enter");
  await expect(customer.getByRole("log")).toContainText(filledGreeting);
  await expect(reply).toHaveValue("");

  // Escape closes the list and the text stays as typed.
  await agent.keyboard.type(`/label-${run}`);
  await expect(listbox.getByRole("option")).toHaveCount(1);
  await agent.keyboard.press("Escape");
  await expect(listbox).toHaveCount(0);
  await expect(reply).toHaveValue(`/label-${run}`);
  await reply.fill("");

  // The label reply, picked with the mouse after a word: the customer gave no email, so it stays flagged and nothing goes out.
  await agent.keyboard.type("Sorry! /lab");
  await listbox.getByRole("option", { name: new RegExp(label.title) }).click();
  const withEmail = `Sorry! I've sent a return label to {{ customer.email }}. Anything else, ${customerName}?`;
  await expect(reply).toHaveValue(withEmail);
  const flagged = agent.getByText(/^Replace this before sending/).locator("..");
  await expect(flagged.locator("mark")).toHaveText("{{ customer.email }}");
  await expect(flagged).toContainText(`${customerName} gave no email`);
  await expect(agent.getByRole("button", { name: "Send" })).toBeDisabled();
  await reply.press("Enter");
  await expect(reply).toHaveValue(withEmail);

  // The composer with the list open: accessible, and on a phone.
  await agent.setViewportSize({ width: 375, height: 740 });
  await reply.press("End");
  await agent.keyboard.type(" /");
  await expect(listbox).toBeVisible();
  expect(await agent.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await expectNoSeriousViolations(agent);
  await agent.keyboard.press("Backspace");
  await agent.keyboard.press("Backspace");

  // "Select" puts the placeholder under the caret; typing over it clears the flag and the reply goes out, no braces.
  await flagged.getByRole("button", { name: "Select {{ customer.email }} in the reply" }).click();
  await expect(reply).toBeFocused();
  await agent.keyboard.type("the address on your order");
  await expect(agent.getByText(/^Replace this before sending/)).toHaveCount(0);
  await agent.keyboard.press("Enter");
  const sent = `Sorry! I've sent a return label to the address on your order. Anything else, ${customerName}?`;
  await expect(customer.getByRole("log")).toContainText(sent);
  await expect(customer.getByRole("log")).not.toContainText("{{");

  await agent.context().close();
  await customer.context().close();
});

test("an admin attaches a PDF to a saved reply while an agent works: the agent's list has it at once, picking it shows the file, and the customer gets the text and the file", async ({
  page: owner,
  browser,
  problems,
}) => {
  const run = randomUUID().slice(0, 6);
  const terms = { title: `Terms ${run}`, shortcut: `terms-${run}`, body: "Our terms are attached, {{customer.name}}." };
  const fileName = `terms-${run}.pdf`;

  // An agent already at work on a customer's chat, the workspace loaded before the reply exists.
  const customerName = unique("Sam");
  const customer = await customerPage(browser, problems);
  await startCustomerChat(customer, { name: customerName, message: unique("What are your terms?") });
  await queuePosition(customer);
  const agent = await (await browser.newContext()).newPage();
  watchForProblems(agent, problems);
  await openWorkspace(agent, "liam@acme.test");
  await queueRow(agent, customerName).getByRole("button", { name: "Claim" }).click();
  const reply = agent.getByLabel("Reply", { exact: true });
  await expect(reply).toBeVisible();

  // The owner adds the reply and attaches a PDF to it.
  await signIn(owner, "owner@acme.test");
  await expect(owner).toHaveURL(/\/dashboard$/);
  await owner.goto("/settings/saved-replies");
  await addReply(owner, terms);
  const item = owner
    .getByRole("region", { name: /^Saved replies \(/ })
    .getByRole("listitem")
    .filter({ hasText: terms.title });
  await expect(item).toContainText("No file.");
  await item.getByLabel(`Attach file of ${terms.title}`).setInputFiles({ name: fileName, mimeType: "application/pdf", buffer: PDF });
  await expect(item).toContainText(`File: ${fileName}`);
  await expect(owner.getByRole("status").filter({ hasText: `Attached ${fileName} to “${terms.title}”.` })).toBeAttached();
  await expectNoSeriousViolations(owner);
  await owner.setViewportSize({ width: 375, height: 740 });
  await expect(item.getByRole("button", { name: `Remove file of ${terms.title}` })).toBeVisible();
  expect(await owner.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  // Pushed: the agent's "/" list has it without a reload; picking it fills the text and shows the file waiting.
  await reply.focus();
  await agent.keyboard.type(`/terms-${run}`);
  const listbox = agent.getByRole("listbox", { name: "Saved replies" });
  await expect(listbox.getByRole("option")).toHaveText([new RegExp(terms.title)]);
  await agent.keyboard.press("Enter");
  const text = `Our terms are attached, ${customerName}.`;
  await expect(reply).toHaveValue(text);
  const pending = agent.getByText(`${fileName} (${PDF.length} bytes) will be sent with this reply`);
  await expect(pending).toBeVisible();
  await expect(agent.getByRole("button", { name: `Don’t send ${fileName}` })).toBeVisible();
  await expectNoSeriousViolations(agent);
  await agent.setViewportSize({ width: 375, height: 740 });
  expect(await agent.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  // Sent: the text as usual, then the file as a message of its own, a link for the customer.
  await agent.keyboard.press("Enter");
  await expect(customer.getByRole("log")).toContainText(text);
  const link = customer.getByRole("link", { name: new RegExp(fileName) });
  await expect(link).toBeVisible();
  await expect(pending).toHaveCount(0);
  const served = await customer.request.get((await link.getAttribute("href"))!);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toBe("application/pdf");
  expect(Buffer.from(await served.body())).toEqual(PDF);

  // The owner takes the file off; the reply stays.
  await item.getByRole("button", { name: `Remove file of ${terms.title}` }).click();
  await expect(item).toContainText("No file.");

  await agent.context().close();
  await customer.context().close();
});
