import { randomUUID } from "node:crypto";
import { expect, type Browser, type Page } from "@playwright/test";
import { watchForProblems } from "./fixtures";

export const DEMO_PASSWORD = "switchboard-demo";

/** Signs in through the real login page. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function expectLive(page: Page) {
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
}

/** Makes names of this run unique: the server's database also holds the seed and other tests' leftovers. */
export const unique = (label: string) => `${label} ${randomUUID().slice(0, 8)}`;

/** A customer in a browser of their own (separate storage), held to the same no-errors standard as `page`. */
export async function customerPage(browser: Browser, problems: string[]): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  watchForProblems(page, problems);
  return page;
}

/** Opens a chat on the Acme chat page with a first message. */
export async function startCustomerChat(customer: Page, details: { name: string; message: string }) {
  await customer.goto("/chat/acme");
  await customer.getByLabel("Name").fill(details.name);
  await customer.getByLabel("How can we help?").fill(details.message);
  await customer.getByRole("button", { name: "Start chat" }).click();
  await expect(customer.getByRole("log")).toContainText(details.message);
}

const QUEUE_POSITION = /You are #(\d+) in the queue, about \d+ min/;

/** Waits until the customer page shows a queue position and returns it. */
export async function queuePosition(customer: Page): Promise<number> {
  const status = customer.getByRole("status");
  await expect(status).toContainText(QUEUE_POSITION);
  return Number(QUEUE_POSITION.exec((await status.textContent()) ?? "")![1]);
}

/** Signs in and opens the workspace with the agent ONLINE (presence may have set them OFFLINE after an earlier test). */
export async function openWorkspace(agent: Page, email: string) {
  await signIn(agent, email);
  await expect(agent).toHaveURL(/\/dashboard$/);
  await agent.goto("/agent");
  await expectLive(agent);
  const myStatus = agent.getByLabel("My status");
  await expect(myStatus).toBeVisible();
  if ((await myStatus.inputValue()) !== "ONLINE") await myStatus.selectOption("ONLINE");
  await expect(myStatus).toHaveValue("ONLINE");
}

/** A waiting chat's row in the workspace's queue, found by text it shows (the name or the preview). */
export const queueRow = (agent: Page, text: string) => agent.getByRole("region", { name: /Queue/ }).getByRole("listitem").filter({ hasText: text });
