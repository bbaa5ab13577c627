/**
 * npm run screenshots — the README's pictures, taken from the running product: a throwaway
 * production server with fresh demo data (scripts/e2e-server.ts), Debian's Chromium, and a few
 * real clicks. Writes docs/screenshots/{dashboard,agent-workspace,customer-chat,settings,team,setup}.png
 * (setup from a second server without demo data) and the integration settings, on a desktop and a
 * phone ({hours,widget,webhooks}{,-phone}.png).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { chromium, type Browser, type Page } from "@playwright/test";
import { freePort } from "../lib/server/free-port";

const OUT_DIR = "docs/screenshots";
const PASSWORD = "switchboard-demo";
const VIEWPORT = { width: 1440, height: 900 };

async function waitForHealth(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await fetch(`${url}/health`).catch(() => null))?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the server at ${url} did not come up`);
}

async function signedInPage(browser: Browser, baseURL: string, email: string, viewport = VIEWPORT): Promise<Page> {
  const page = await (await browser.newContext({ baseURL, viewport })).newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/dashboard$/);
  return page;
}

const port = await freePort();
const baseURL = `http://localhost:${port}`;
/** The first-run page of a second throwaway server without demo data, filled in as an owner would. */
async function screenshotSetup() {
  const setupPort = await freePort();
  const setupServer = spawn("node", ["--import", "tsx", "scripts/e2e-server.ts"], { env: { ...process.env, E2E_PORT: String(setupPort), SEED_DEMO_DATA: "false" }, stdio: "inherit" });
  try {
    const setupURL = `http://localhost:${setupPort}`;
    await waitForHealth(setupURL);
    const page = await (await browser.newContext({ baseURL: setupURL, viewport: VIEWPORT, timezoneId: "Europe/Berlin" })).newPage();
    await page.goto("/");
    await page.getByLabel("Your name").fill("Dana Whitfield");
    await page.getByLabel("Email").fill("dana@northwind.test");
    await page.getByLabel("Password", { exact: true }).fill("northwind support 2026");
    await page.getByLabel("Business name").fill("Northwind Outfitters");
    await page.getByLabel("Currency").selectOption("EUR");
    await page.getByText("Strong enough").waitFor();
    await page.screenshot({ path: `${OUT_DIR}/setup.png` });
  } finally {
    setupServer.kill("SIGTERM");
    await new Promise((resolve) => setupServer.once("exit", resolve));
  }
}

const server = spawn("node", ["--import", "tsx", "scripts/e2e-server.ts"], { env: { ...process.env, E2E_PORT: String(port) }, stdio: "inherit" });
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const browser = await chromium.launch({ executablePath: executablePath || undefined, args: ["--no-sandbox", "--disable-gpu"] });
try {
  await waitForHealth(baseURL);
  mkdirSync(OUT_DIR, { recursive: true });

  // A customer the assistant answered and then handed to the queue, so every view has something live in it.
  const customer = await (await browser.newContext({ baseURL, viewport: { width: 390, height: 780 } })).newPage();
  await customer.goto("/chat/acme");
  await customer.getByLabel("Name").fill("Jordan Lee");
  await customer.getByLabel("How can we help?").fill("Hi! How long does shipping take?");
  await customer.getByRole("button", { name: "Start chat" }).click();
  await customer.getByRole("link", { name: "Shipping times and delivery estimates" }).waitFor();
  await customer.getByLabel("Message").fill("My order #4521 hasn't arrived yet, can I talk to a person?");
  await customer.getByRole("button", { name: "Send" }).click();
  await customer.getByText(/in the queue/).waitFor();
  await customer.screenshot({ path: `${OUT_DIR}/customer-chat.png` });

  const admin = await signedInPage(browser, baseURL, "owner@acme.test");
  await admin.getByRole("region", { name: "Message analytics", exact: true }).getByRole("application").waitFor();
  await admin.getByText("Jordan Lee").first().waitFor();
  await admin.getByLabel("Your question").fill("How many chats are waiting?");
  await admin.getByRole("button", { name: "Ask", exact: true }).click();
  await admin
    .getByText(/^As of \d\d:\d\d:\d\d/)
    .first()
    .waitFor();
  await admin.screenshot({ path: `${OUT_DIR}/dashboard.png`, fullPage: true });

  const agent = await signedInPage(browser, baseURL, "agent@acme.test");
  await agent.goto("/agent");
  await agent.getByRole("region", { name: /Queue/ }).getByRole("listitem").filter({ hasText: "Jordan Lee" }).getByRole("button", { name: "Claim" }).click();
  await agent.getByRole("log").getByText("order #4521").waitFor();
  await agent.getByLabel("Reply", { exact: true }).fill("Hi Jordan, I'm Alex. Let me look that up for you.");
  await agent.keyboard.press("Enter");
  await agent.getByRole("log").getByText("Let me look that up").waitFor();
  await agent.getByText("Sending…").waitFor({ state: "detached" });
  await agent.screenshot({ path: `${OUT_DIR}/agent-workspace.png` });

  await admin.goto("/settings");
  await admin.getByRole("heading", { name: "Customer page preview" }).waitFor();
  await admin.screenshot({ path: `${OUT_DIR}/settings.png`, fullPage: true });
  await admin.goto("/settings/team");
  await admin.getByText("Seen ").first().waitFor();
  await admin.screenshot({ path: `${OUT_DIR}/team.png`, fullPage: true });
  // The integration settings, on a phone as well: they are forms an owner fills in once, anywhere.
  const phone = await signedInPage(browser, baseURL, "owner@acme.test", { width: 390, height: 844 });
  for (const [path, heading] of [
    ["/settings/hours", "Business hours"],
    ["/settings/widget", "Widget"],
    ["/settings/webhooks", "Webhooks"],
  ] as const) {
    const name = path.split("/").pop();
    for (const [page, suffix] of [
      [admin, ""],
      [phone, "-phone"],
    ] as const) {
      await page.goto(path);
      await page.getByRole("heading", { name: heading, exact: true }).first().waitFor();
      await page.screenshot({ path: `${OUT_DIR}/${name}${suffix}.png`, fullPage: true });
    }
  }

  await screenshotSetup();
  console.log(`screenshots written to ${OUT_DIR}/`);
} finally {
  await browser.close();
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
}
