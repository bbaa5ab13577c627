import { expectNoSeriousViolations } from "./support/axe";
import { customerPage, openWorkspace, signIn, unique } from "./support/demo";
import { expect, test, watchForProblems } from "./support/fixtures";

const fitsPhoneWidth = () => document.documentElement.scrollWidth <= window.innerWidth;
const utcDate = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

test("business hours: an admin closes the desk; the customer page says when to expect a reply and takes a message with an email; staff see it flagged offline", async ({
  page: admin,
  browser,
  problems,
}) => {
  await signIn(admin, "owner@globex.test");
  await expect(admin).toHaveURL(/\/dashboard$/);
  await admin.goto("/settings/hours");
  await expect(admin.getByRole("heading", { name: "Business hours", level: 1 })).toBeVisible();
  await expect(admin.getByText("Always open: business hours are off.")).toBeVisible();
  await expect(admin.getByRole("link", { name: "Change the time zone" })).toBeVisible();

  // Weekdays 09:00–17:00 (the template), with today and tomorrow off: closed now, open again later.
  await admin.getByLabel(/Use business hours/).check();
  for (const date of [utcDate(0), utcDate(1)]) {
    await admin.getByLabel("Date").fill(date);
    await admin.getByLabel(/^Name/).fill("Company retreat");
    await admin.getByRole("button", { name: "Add holiday" }).click();
    await expect(admin.getByRole("button", { name: `Remove the holiday on ${date}` })).toBeVisible();
  }
  await admin.getByRole("button", { name: "Save hours" }).click();
  await expect(admin.getByText("Business hours saved.")).toBeVisible();
  await expect(admin.getByText(/^Closed, opens /)).toBeVisible();
  await expectNoSeriousViolations(admin);
  await admin.setViewportSize({ width: 375, height: 740 });
  expect(await admin.evaluate(fitsPhoneWidth)).toBe(true);

  // The customer, while the desk is closed.
  const customer = await customerPage(browser, problems);
  await customer.goto("/chat/globex");
  const away = customer.getByRole("region", { name: "We're away" });
  await expect(away).toContainText("We're away right now.");
  await expect(away).toContainText(/We'll reply from .+ \(your time\)\./);
  const email = customer.getByLabel(/^Email/);
  await expect(email).toHaveAttribute("required", "");
  await expectNoSeriousViolations(customer);
  await customer.setViewportSize({ width: 375, height: 740 });
  expect(await customer.evaluate(fitsPhoneWidth)).toBe(true);

  const name = unique("Offline Otto");
  const message = unique("Can I talk to a person about my invoice");
  await customer.getByLabel("Name").fill(name);
  await customer.getByLabel("How can we help?").fill(message);
  // No email yet: the form asks for one.
  await customer.getByRole("button", { name: "Leave a message" }).click();
  await expect(email).toBeFocused();
  await email.fill("otto@example.com");
  await customer.getByRole("button", { name: "Leave a message" }).click();
  await expect(customer.getByRole("log")).toContainText(message);

  // Globex's assistant answers first; asked for a person while the desk is closed, it leaves the
  // chat as an offline message and says when to expect a reply.
  await expect(customer.getByRole("status")).toContainText("Message left: we'll reply when we're back");
  await expect(customer.getByRole("log")).toContainText("We're closed right now. We'll reply from");
  await expect(customer.getByRole("region", { name: "We're away" })).toContainText(/\(your time\)/);
  await expectNoSeriousViolations(customer);

  // Staff see it flagged offline, apart from the queue.
  const agent = await (await browser.newContext()).newPage();
  watchForProblems(agent, problems);
  await openWorkspace(agent, "agent@globex.test");
  const offline = agent.getByRole("list", { name: "Offline messages" }).getByRole("listitem").filter({ hasText: name });
  await expect(offline).toContainText("Offline");
  await expectNoSeriousViolations(agent);

  // Leave the demo as it was: the customer ends the chat, the hours go off.
  await customer.getByRole("button", { name: "End chat" }).click();
  await expect(customer.getByRole("region", { name: "Chat ended" })).toBeVisible();
  await admin.getByLabel(/Use business hours/).uncheck();
  await admin.getByRole("button", { name: "Save hours" }).click();
  await expect(admin.getByText("Always open: business hours are off.")).toBeVisible();
});
