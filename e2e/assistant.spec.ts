import { customerPage, queuePosition, startCustomerChat, unique } from "./support/demo";
import { expect, test } from "./support/fixtures";

test("the assistant answers a customer's question from the knowledge base, then hands them to a person on request", async ({ browser, problems }) => {
  const customer = await customerPage(browser, problems);
  await startCustomerChat(customer, { name: unique("Jordan"), message: "How long does shipping take?" });

  const log = customer.getByRole("log");
  await expect(customer.getByRole("status")).toContainText("Our assistant is with you");
  const answer = log.getByRole("listitem").filter({ hasText: "business days" });
  await expect(answer).toContainText("Assistant");
  // The answer links the article it quotes, to the public help page.
  const article = answer.getByRole("link", { name: "Shipping times and delivery estimates" });
  await expect(article).toHaveAttribute("href", /^\/help\/acme\/[0-9a-f-]{36}$/);
  await expect(customer.getByRole("status")).toContainText("Our assistant is with you");

  await customer.getByLabel("Message").fill("Thanks. I want to talk to a human, please.");
  await customer.getByRole("button", { name: "Send" }).click();
  await expect(log).toContainText("I'm connecting you with a person from our team.");
  expect(await queuePosition(customer)).toBeGreaterThanOrEqual(1);

  // Leave the queue as it was for other tests.
  await customer.getByRole("button", { name: "End chat" }).click();
  await expect(customer.getByRole("status")).toContainText("You left the queue");
  await customer.context().close();
});
