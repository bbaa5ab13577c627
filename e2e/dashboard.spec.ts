import type { Page, WebSocketRoute } from "@playwright/test";
import { customerPage, expectLive, queuePosition, signIn, startCustomerChat, unique } from "./support/demo";
import { expect, test, watchForProblems } from "./support/fixtures";

const PANELS = ["Overview", "Active sessions", "Waiting queue", "Agent performance", "Satisfaction", "Message analytics"];
const panel = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

async function expectPhasesDone(page: Page) {
  const strip = page.getByRole("list", { name: "Dashboard loading progress" });
  for (const phase of ["company", "data", "llm"]) await expect(strip.locator(`[data-phase="${phase}"]`)).toHaveAttribute("data-status", "done");
}

test("an admin signs in, the phases complete and all six named panels show data", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  await expect(page).toHaveURL(/\/dashboard$/);
  await expectLive(page);
  await expectPhasesDone(page);
  for (const name of PANELS) {
    const section = panel(page, name);
    await expect(section, name).toBeVisible();
    await expect(section, name).toHaveAttribute("data-status", "completed");
    await expect(section.getByText(/^Updated \d\d:\d\d:\d\d$/), name).toBeVisible();
  }
  await expect(panel(page, "Agent performance")).toContainText("Alex Morgan");
  await expect(panel(page, "Waiting queue").getByRole("listitem")).not.toHaveCount(0);
  // The charts (recharts draws each as an interactive SVG "application").
  await expect(panel(page, "Message analytics").getByRole("application")).toHaveCount(1);
  await expect(panel(page, "Satisfaction").getByRole("application")).toHaveCount(2);
});

test("a new chat appears in Waiting queue without reload, moves to Active sessions when claimed, and its rating changes Satisfaction", async ({ page, browser, problems }) => {
  await signIn(page, "owner@acme.test");
  await expect(page).toHaveURL(/\/dashboard$/);
  await expectLive(page);
  await expectPhasesDone(page);

  const customerName = unique("Dana");
  const customer = await customerPage(browser, problems);
  // Asking for a person: the assistant hands the chat to the queue.
  await startCustomerChat(customer, { name: customerName, message: unique("Where is my order? I'd like to talk to a person") });
  await queuePosition(customer);

  await expect(panel(page, "Waiting queue").getByRole("listitem").filter({ hasText: customerName })).toBeVisible();

  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  watchForProblems(agent, problems);
  await signIn(agent, "agent@acme.test");
  await expect(agent).toHaveURL(/\/dashboard$/);
  await agent.goto("/agent");
  await expectLive(agent);
  const myStatus = agent.getByLabel("My status");
  if ((await myStatus.inputValue()) !== "ONLINE") await myStatus.selectOption("ONLINE");
  const row = agent.getByRole("region", { name: /Queue/ }).getByRole("listitem").filter({ hasText: customerName });
  await row.getByRole("button", { name: "Claim" }).click();
  await expect(agent.getByRole("region", { name: /My chats/ })).toContainText(customerName);

  await expect(panel(page, "Active sessions").getByRole("listitem").filter({ hasText: customerName })).toContainText("Alex Morgan");
  await expect(panel(page, "Waiting queue").getByRole("listitem").filter({ hasText: customerName })).toHaveCount(0);

  const ratings = panel(page, "Satisfaction").getByRole("definition").nth(2);
  const before = Number(await ratings.textContent());
  await agent.getByRole("button", { name: "Close chat" }).click();
  await expect(customer.getByRole("status")).toContainText("This chat has ended");
  await expect(panel(page, "Active sessions").getByRole("listitem").filter({ hasText: customerName })).toHaveCount(0);
  await customer.locator("label", { has: customer.getByRole("radio", { name: "5 stars" }) }).click();
  await customer.getByRole("button", { name: "Send rating" }).click();
  await expect(customer.getByText(/Thanks for rating this chat 5 out of 5/)).toBeVisible();
  await expect(ratings).toHaveText(String(before + 1));
  await agentContext.close();
  await customer.context().close();
});

test("at phone width the dashboard fits the screen, however long the message a waiting chat shows", async ({ page, browser, problems }) => {
  const customerName = unique("Robin");
  const message = unique("I'd like to talk to a person about my order from three weeks ago, the tracking page still shows nothing at all");
  const customer = await customerPage(browser, problems);
  await startCustomerChat(customer, { name: customerName, message });
  await queuePosition(customer);

  await page.setViewportSize({ width: 375, height: 800 });
  await signIn(page, "owner@acme.test");
  await expect(page).toHaveURL(/\/dashboard$/);
  await expectPhasesDone(page);
  const row = panel(page, "Waiting queue").getByRole("listitem").filter({ hasText: customerName });
  await expect(row).toContainText(message.slice(0, 40));
  // The line is cut short with an ellipsis inside its row; the page never scrolls sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  const rowBox = (await row.boundingBox())!;
  expect(rowBox.x + rowBox.width).toBeLessThanOrEqual(375);
  await customer.context().close();
});

test("switching business during loading ends with only the second business's data", async ({ page }) => {
  await signIn(page, "manager@both.test");
  await expect(page).toHaveURL(/\/dashboard$/);
  const switcher = page.getByLabel("Business");
  await expect(switcher.getByRole("option")).toHaveCount(2);
  // Start from Acme, then switch to Globex while Acme's orchestration may still be running.
  const acme = await switcher.getByRole("option", { name: "Acme Support" }).getAttribute("value");
  if ((await switcher.inputValue()) !== acme) {
    await switcher.selectOption({ label: "Acme Support" });
    await expectPhasesDone(page);
    await page.reload();
  }
  await expect(switcher).toHaveValue(acme!);
  await switcher.selectOption({ label: "Globex" });
  await expectLive(page);
  await expectPhasesDone(page);
  await expect(panel(page, "Agent performance")).toContainText("Jonas Weber");
  await expect(panel(page, "Agent performance")).not.toContainText("Alex Morgan");
  for (const name of PANELS) await expect(panel(page, name)).toHaveAttribute("data-status", "completed");
  // Pushes of the first business must not leak in afterwards either: a change in each business,
  // Acme's first, and once Globex's has arrived, Acme's would have too.
  const acmeCustomer = unique("Acme Ava");
  const globexCustomer = unique("Globex Gil");
  for (const [business, name] of [
    ["acme", acmeCustomer],
    ["globex", globexCustomer],
  ]) {
    expect((await page.request.post("/api/v1/chat/init", { data: { business, customer: { name }, message: "Hello, can I talk to a person?" } })).status()).toBe(201);
  }
  await expect(page.getByText(globexCustomer).first()).toBeVisible();
  await expect(page.getByText(acmeCustomer)).toHaveCount(0);
  await expect(panel(page, "Agent performance")).not.toContainText("Alex Morgan");
  await expect(switcher).toHaveValue(/.+/);
  await expect(switcher).not.toHaveValue(acme!);
});

test("the refresh button is throttled", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  await expectLive(page);
  await expectPhasesDone(page);
  const refresh = page.getByRole("button", { name: "Refresh" });
  await refresh.click();
  await expect(page.getByText("Refreshing…")).toBeVisible();
  await refresh.click();
  await expect(page.getByText("Just refreshed — try again in a few seconds.")).toBeVisible();
});

test.describe("losing the connection", () => {
  // While the socket is cut its reconnect attempts fail: those failures are expected.
  test.use({ allowProblems: /ERR_INTERNET_DISCONNECTED|WebSocket connection to .* failed|\/socket\.io\// });

  test("shows offline/connecting, then live again with every panel re-synced to the database", async ({ page, browser, problems }) => {
    // The dashboard's socket goes through a switch the test can open, as if the server went away.
    let down = false;
    const sockets: WebSocketRoute[] = [];
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (down) return void ws.close();
      ws.connectToServer();
      sockets.push(ws);
    });
    await page.route(/\/socket\.io\/.*transport=polling/, (route) => (down ? route.abort("internetdisconnected") : route.continue()));

    await signIn(page, "owner@acme.test");
    await expect(page).toHaveURL(/\/dashboard$/);
    await expectLive(page);
    await expectPhasesDone(page);

    down = true;
    for (const ws of sockets.splice(0)) await ws.close();
    await expect(page.getByRole("status").filter({ hasText: /Offline|Connecting…/ })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: /showing data from \d\d:\d\d:\d\d/ })).toBeVisible();

    // A change while this dashboard's socket is down.
    const customerName = unique("Kim");
    const customer = await customerPage(browser, problems);
    await startCustomerChat(customer, { name: customerName, message: unique("Is my order shipped? Can I speak to an agent?") });
    await queuePosition(customer);
    // Meanwhile the panels poll the HTTP fallback, so the new chat shows up anyway.
    await expect(panel(page, "Waiting queue").getByRole("listitem").filter({ hasText: customerName })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole("status").filter({ hasText: /Offline|Connecting…/ })).toBeVisible();

    down = false;
    // Socket.IO's reconnect backoff grows to ~5 s (randomised), so allow a few attempts.
    await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible({ timeout: 30_000 });
    await expectPhasesDone(page);
    await expect(panel(page, "Waiting queue").getByRole("listitem").filter({ hasText: customerName })).toBeVisible();

    await customer.getByRole("button", { name: "End chat" }).click();
    await expect(customer.getByRole("status")).toContainText("You left the queue");
    await expect(panel(page, "Waiting queue").getByRole("listitem").filter({ hasText: customerName })).toHaveCount(0);
    await customer.context().close();
  });
});

test("an admin asks the dashboard assistant and gets answers with real numbers", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  await expect(page).toHaveURL(/\/dashboard$/);
  await expectLive(page);
  await expectPhasesDone(page);

  const assistant = panel(page, "Ask about your dashboard");
  const turns = assistant.getByRole("log", { name: "Questions and answers" }).getByRole("listitem");
  await assistant.getByLabel("Your question").fill("How many chats are waiting?");
  await assistant.getByRole("button", { name: "Ask", exact: true }).click();
  await expect(turns.last()).toContainText(/\d+ chats? (is|are) waiting in the queue/);
  await expect(turns.last().getByText(/^As of \d\d:\d\d:\d\d$/)).toBeVisible();

  await assistant.getByRole("group", { name: "Suggested questions" }).getByRole("button", { name: "How many agents are online?" }).click();
  await expect(turns).toHaveCount(2);
  await expect(turns.last()).toContainText(/\d+ of \d+ agents? (is|are) online|No agents are online/);
});
