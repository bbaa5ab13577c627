import type { Browser, Page } from "@playwright/test";
import { expectNoSeriousViolations } from "./support/axe";
import { customerPage, openWorkspace, queuePosition, queueRow, startCustomerChat, unique } from "./support/demo";
import { expect, test, watchForProblems } from "./support/fixtures";

const NOTE_LABEL = "Private note · only your team sees this";

/** A staff member in a browser of their own, with the workspace open. */
async function staffPage(browser: Browser, problems: string[], email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  watchForProblems(page, problems);
  await openWorkspace(page, email);
  return page;
}

const noteIn = (page: Page, text: string) => page.getByRole("log").getByRole("listitem").filter({ hasText: text });

test("private notes: the agent and a colleague see each other's notes live, styled apart; the customer never gets one", async ({ page: agent, browser, problems }) => {
  const customerName = unique("Jordan");
  const question = unique("My invoice is wrong, can I talk to a person?");
  const customer = await customerPage(browser, problems);
  await startCustomerChat(customer, { name: customerName, message: question });
  await queuePosition(customer);

  // The colleague opens the waiting chat first, and keeps it open while the agent takes it.
  const colleague = await staffPage(browser, problems, "sofia@acme.test");
  await queueRow(colleague, customerName).getByText(customerName).click();
  await expect(colleague.getByRole("log")).toContainText(question);
  await expect(colleague.getByText("Claim this chat to reply.")).toBeVisible();

  await openWorkspace(agent, "liam@acme.test");
  await queueRow(agent, customerName).getByRole("button", { name: "Claim" }).click();
  await expect(agent.getByRole("log")).toContainText(question);
  await expect(colleague.getByText("Only the agent holding this chat can reply.")).toBeVisible();

  // Keyboard only: from the Reply tab, the arrow key selects Private note and Tab goes into its box.
  const replyTab = agent.getByRole("tab", { name: "Reply" });
  const noteTab = agent.getByRole("tab", { name: "Private note" });
  await expect(replyTab).toHaveAttribute("aria-selected", "true");
  await replyTab.focus();
  await agent.keyboard.press("ArrowRight");
  await expect(noteTab).toBeFocused();
  await expect(noteTab).toHaveAttribute("aria-selected", "true");
  await agent.keyboard.press("Tab");
  const agentNoteBox = agent.getByLabel("Private note");
  await expect(agentNoteBox).toBeFocused();
  const agentNote = unique("Checked billing: invoice 88 was charged twice");
  await agent.keyboard.type(agentNote);
  await agent.keyboard.press("Enter");
  await expect(agentNoteBox).toHaveValue("");

  await expect(noteIn(agent, agentNote)).toContainText(NOTE_LABEL);
  await expect(noteIn(agent, agentNote)).toContainText("You");
  // Live in the colleague's open conversation, named and labelled.
  await expect(noteIn(colleague, agentNote)).toContainText(NOTE_LABEL);
  await expect(noteIn(colleague, agentNote)).toContainText("Liam O'Brien");

  // A colleague who does not hold the chat can still add a note, and the agent sees it live.
  const colleagueNote = unique("Refunds for double charges need Priya's OK");
  await colleague.getByLabel("Private note").fill(colleagueNote);
  await colleague.getByRole("button", { name: "Add note" }).click();
  await expect(noteIn(agent, colleagueNote)).toContainText("Sofia Rossi");
  await expect(noteIn(agent, colleagueNote)).toContainText(NOTE_LABEL);

  // A reply after the notes: once the customer has it, anything sent before it has arrived too.
  await replyTab.click();
  const reply = unique("Sorry about that, I'm fixing the invoice now.");
  await agent.getByLabel("Reply").fill(reply);
  await agent.getByLabel("Reply").press("Enter");
  await expect(customer.getByRole("log")).toContainText(reply);
  for (const note of [agentNote, colleagueNote]) await expect(customer.getByText(note)).toHaveCount(0);
  await expect(customer.getByText("Private note")).toHaveCount(0);
  // A reload reads the chat from the server (GET /api/v1/chat/{id}): still no note.
  await customer.reload();
  await expect(customer.getByRole("log")).toContainText(reply);
  for (const note of [agentNote, colleagueNote]) await expect(customer.getByText(note)).toHaveCount(0);

  // The workspace with notes in it: accessible, and usable on a phone.
  await expectNoSeriousViolations(agent);
  await agent.setViewportSize({ width: 375, height: 740 });
  await expect(noteIn(agent, agentNote)).toBeVisible();
  await expect(noteTab).toBeVisible();
  expect(await agent.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await noteTab.click();
  await expectNoSeriousViolations(agent);

  // After a reload the notes come back with the conversation's history.
  await agent.reload();
  await agent
    .getByRole("region", { name: /My chats/ })
    .getByText(customerName)
    .click();
  await expect(noteIn(agent, colleagueNote)).toContainText(NOTE_LABEL);

  await agent.getByRole("button", { name: "Close chat" }).click();
  await expect(customer.getByRole("status")).toContainText("This chat has ended");
  await expect(customer.getByText(agentNote)).toHaveCount(0);
  await customer.context().close();
  await colleague.context().close();
});
