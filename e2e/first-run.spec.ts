import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { EmbeddedPostgres } from "../lib/db/embedded-postgres.server";
import { freePort } from "../lib/server/free-port";
import { expectNoSeriousViolations } from "./support/axe";
import { expectLive } from "./support/demo";
import { expect, test, watchForProblems } from "./support/fixtures";
import { startServer, type SpawnedServer } from "./support/server";

/**
 * A team adopts Switchboard on a server without demo data: the owner sets it up (while a second
 * browser races for the same setup), invites an agent, who joins in their own browser; a customer
 * chats and the new agent answers.
 */
test.describe("first run: setup, invite, join, first chat", () => {
  test.describe.configure({ timeout: 180_000 });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-first-run-"));
  const databaseDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-first-run-db-"));
  let database: EmbeddedPostgres;
  let server: SpawnedServer;

  test.beforeAll(async () => {
    database = new EmbeddedPostgres({ dataDir: databaseDir, port: await freePort() });
    await database.start();
    server = await startServer(await freePort(), database.connectionString, dataDir, { SEED_DEMO_DATA: "false" });
  });
  test.afterAll(async () => {
    await server?.stop();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(databaseDir, { recursive: true, force: true });
  });

  // The racing browser that loses is answered 404 by the setup endpoint: that is the point.
  test.use({ allowProblems: /\/api\/v1\/setup/ });

  const browserAt = async (browser: Browser, problems: string[], width = 1280) => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width, height: 900 } });
    const page = await context.newPage();
    watchForProblems(page, problems);
    return page;
  };

  async function fillSetup(page: Page, who: { name: string; email: string; business: string }) {
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/setup$/);
    await page.getByLabel("Your name").fill(who.name);
    await page.getByLabel("Email").fill(who.email);
    await page.getByLabel("Password", { exact: true }).fill("our support desk 2026");
    await page.getByLabel("Business name").fill(who.business);
    await page.getByLabel("Time zone").selectOption("Europe/Berlin");
    await page.getByLabel("Currency").selectOption("EUR");
  }

  test("the owner sets up (one of two racing browsers wins), invites an agent who joins, and the agent answers a customer", async ({ browser, problems }) => {
    const owner = await browserAt(browser, problems);
    const rival = await browserAt(browser, problems, 375);
    await fillSetup(owner, { name: "Olga Owner", email: "olga@desk.test", business: "Desk Support" });
    await expect(owner.getByLabel("Chat address")).toHaveValue("desk-support");
    await expectNoSeriousViolations(owner);
    await fillSetup(rival, { name: "Rita Rival", email: "rita@desk.test", business: "Rival Desk" });
    await expectNoSeriousViolations(rival);

    // Both submit at once: exactly one installation owner.
    await Promise.all([owner.getByRole("button", { name: "Create account and business" }).click(), rival.getByRole("button", { name: "Create account and business" }).click()]);
    const winners = await Promise.all(
      [owner, rival].map(async (page) => {
        await expect(page.getByText("Switchboard is already set up").or(page.getByRole("heading", { name: /^Welcome, / }))).toBeVisible({ timeout: 30_000 });
        return page.url().includes("/dashboard");
      }),
    );
    expect(winners.filter(Boolean)).toHaveLength(1);
    const [admin, loser] = winners[0] ? [owner, rival] : [rival, owner];
    await expect(loser.getByText("Switchboard is already set up")).toBeVisible();
    expect((await loser.request.get("/setup")).status()).toBe(404);
    const slug = winners[0] ? "desk-support" : "rival-desk";
    await expectLive(admin);

    // Chats go straight to people: the owner turns the assistant off in the settings.
    await admin.goto("/settings");
    const assistant = admin.getByRole("switch", { name: "Assistant answers new chats" });
    await assistant.uncheck();
    await expect(assistant).not.toBeChecked();
    await expect(admin.getByRole("status").filter({ hasText: "new chats go straight to the queue" })).toBeVisible();
    await expectNoSeriousViolations(admin);

    await admin.goto("/settings/team");
    await admin.getByLabel("Email", { exact: true }).fill("alex@desk.test");
    await admin.getByLabel("Role", { exact: true }).selectOption("AGENT");
    await admin.getByRole("button", { name: "Create invite link" }).click();
    const link = await admin.getByLabel("Invite link for alex@desk.test").inputValue();
    expect(link).toContain("/invite/");
    await expectNoSeriousViolations(admin);

    const agent = await browserAt(browser, problems);
    await agent.goto(new URL(link).pathname);
    await expectNoSeriousViolations(agent);
    await agent.getByLabel("Your name").fill("Alex Agent");
    await agent.getByLabel("Password", { exact: true }).fill("alex answers chats");
    await agent.getByRole("button", { name: "Create account and join" }).click();
    await expect(agent).toHaveURL(/\/dashboard\?company_id=/);
    await expect(agent.getByRole("button", { name: "Create account and join" })).toHaveCount(0);
    // The link was single use.
    expect((await agent.request.get(new URL(link).pathname)).status()).toBe(404);

    await admin.reload();
    await expect(
      admin
        .getByRole("row", { name: /Alex Agent/ })
        .or(admin.getByRole("listitem").filter({ hasText: "Alex Agent" }))
        .first(),
    ).toBeVisible();

    await agent.goto("/agent");
    await expectLive(agent);
    const myStatus = agent.getByLabel("My status");
    await myStatus.selectOption("ONLINE");
    await expect(myStatus).toHaveValue("ONLINE");

    const customer = await browserAt(browser, problems, 375);
    await customer.goto(`/chat/${slug}`);
    await customer.getByLabel("Name").fill("Casey Customer");
    await customer.getByLabel("How can we help?").fill("Hello, is anyone there?");
    await customer.getByRole("button", { name: "Start chat" }).click();
    await expect(customer.getByRole("log")).toContainText("Hello, is anyone there?");

    const row = agent.getByRole("region", { name: /Queue/ }).getByRole("listitem").filter({ hasText: "Casey Customer" });
    await row.getByRole("button", { name: "Claim" }).click();
    await expect(customer.getByRole("status")).toContainText("You're chatting with Alex Agent");
    await agent.getByLabel("Reply").fill("Hi Casey, Alex here. How can I help?");
    await agent.getByLabel("Reply").press("Enter");
    await expect(customer.getByRole("log")).toContainText("Hi Casey, Alex here. How can I help?");
  });
});
