import { customerPage, openWorkspace, queuePosition, queueRow, startCustomerChat as startChat, unique } from "./support/demo";
import { expect, test } from "./support/fixtures";

test("a customer and an agent chat live: queue, claim, typing, messages both ways, reload, close and rating", async ({ page: agent, browser, problems }) => {
  const customerName = unique("Casey");
  // Asking for a person: the assistant (which takes every Acme chat first) hands it to the queue.
  const question = unique("My parcel never arrived, can I talk to a person?");
  const customer = await customerPage(browser, problems);
  await startChat(customer, { name: customerName, message: question });
  await queuePosition(customer);

  await openWorkspace(agent, "agent@acme.test");
  const row = queueRow(agent, customerName);
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: "Claim" }).click();
  await expect(agent.getByRole("region", { name: /My chats/ })).toContainText(customerName);
  await expect(customer.getByRole("status")).toContainText("You're chatting with Alex Morgan");
  await expect(agent.getByRole("log")).toContainText(question);

  const reply = agent.getByLabel("Reply");
  await reply.fill("Hi, I'm looking into it now.");
  await expect(customer.getByText("Alex Morgan is typing…")).toBeVisible();
  await reply.press("Enter");
  await expect(customer.getByRole("log")).toContainText("Hi, I'm looking into it now.");
  await expect(reply).toHaveValue("");

  const message = customer.getByLabel("Message", { exact: true });
  await message.fill("Thanks! It was order 4521.");
  await expect(agent.getByText(`${customerName} is typing…`)).toBeVisible();
  await message.press("Enter");
  await expect(agent.getByRole("log")).toContainText("Thanks! It was order 4521.");
  // Delivered once: the optimistic bubble and the echo are the same message.
  await expect(customer.getByRole("log").getByText("Thanks! It was order 4521.")).toHaveCount(1);

  await customer.reload();
  await expect(customer.getByRole("status")).toContainText("You're chatting with Alex Morgan");
  await expect(customer.getByRole("log")).toContainText("Hi, I'm looking into it now.");
  await expect(customer.getByRole("log")).toContainText("Thanks! It was order 4521.");

  await agent.getByRole("button", { name: "Close chat" }).click();
  await expect(agent.getByRole("region", { name: /My chats/ })).not.toContainText(customerName);
  await expect(customer.getByRole("status")).toContainText("This chat has ended");
  await customer.locator("label", { has: customer.getByRole("radio", { name: "4 stars" }) }).click();
  await customer.getByLabel("Comment").fill("Quick and friendly.");
  await customer.getByRole("button", { name: "Send rating" }).click();
  await expect(customer.getByText("Thanks for rating this chat 4 out of 5 and for your comment.")).toBeVisible();

  await customer.getByRole("button", { name: "Start a new chat" }).click();
  await expect(customer.getByLabel("How can we help?")).toBeVisible();
  await customer.context().close();
});

test("a waiting customer's queue position moves up live when the chat ahead of theirs is claimed", async ({ page: agent, browser, problems }) => {
  // The agent watches first, so both chats arrive in the queue live.
  await openWorkspace(agent, "maya@acme.test");
  const firstMessage = unique("Where is my refund? I'd like a human");
  const secondMessage = unique("Can I change my address? Let me talk to someone");

  const first = await customerPage(browser, problems);
  await startChat(first, { name: unique("Robin"), message: firstMessage });
  const second = await customerPage(browser, problems);
  await startChat(second, { name: unique("Sam"), message: secondMessage });
  await expect(queueRow(agent, firstMessage)).toBeVisible();
  await expect(queueRow(agent, secondMessage)).toBeVisible();

  const position = await queuePosition(second);
  expect(position).toBeGreaterThan(1);
  await queueRow(agent, firstMessage).getByRole("button", { name: "Claim" }).click();
  await expect(first.getByRole("status")).toContainText("You're chatting with Maya Chen");
  await expect(second.getByRole("status")).toContainText(`You are #${position - 1} in the queue`);

  // Leave nothing behind for other tests: the claimed chat closed, the waiting one ended by its customer.
  await agent.getByRole("button", { name: "Close chat" }).click();
  await expect(first.getByRole("status")).toContainText("This chat has ended");
  await second.getByRole("button", { name: "End chat" }).click();
  await expect(second.getByRole("status")).toContainText("You left the queue");
  await expect(queueRow(agent, secondMessage)).toHaveCount(0);
  await first.context().close();
  await second.context().close();
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test("the customer chat page has no horizontal scroll", async ({ page }) => {
    const hasHorizontalScroll = () => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    await page.goto("/chat/acme");
    await expect(page.getByRole("button", { name: "Start chat" })).toBeVisible();
    expect(await hasHorizontalScroll()).toBe(false);

    // A long unbroken word must wrap inside its bubble, not widen the page.
    await startChat(page, { name: unique("Pat"), message: `Tracking ${"X".repeat(120)}, can I talk to someone?` });
    await queuePosition(page);
    expect(await hasHorizontalScroll()).toBe(false);
    await page.getByRole("button", { name: "End chat" }).click();
    await expect(page.getByRole("status")).toContainText("You left the queue");
  });
});

test.describe("an unknown business", () => {
  // The 404 itself, as a response and as Chromium's console line about it.
  test.use({ allowProblems: /404.*\/chat\/no-such-business$/ });

  test("has no chat page", async ({ page }) => {
    const response = await page.goto("/chat/no-such-business");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("button", { name: "Start chat" })).toHaveCount(0);
  });
});
