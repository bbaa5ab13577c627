import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { Page, Response } from "@playwright/test";
import { EmbeddedPostgres } from "../lib/db/embedded-postgres.server";
import { createPrismaClient } from "../lib/db/prisma-client.server";
import { freePort } from "../lib/server/free-port";
import { expectLive, signIn, startCustomerChat, unique } from "./support/demo";
import { expect, test } from "./support/fixtures";

declare global {
  interface Window {
    /** Exposed by recordCspViolations below. */
    recordCspViolation(violation: string): void;
  }
}

/**
 * Every Content Security Policy violation in `page`, across its navigations and frames: the
 * browser's `securitypolicyviolation` events and its console lines about the policy.
 */
async function recordCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("recordCspViolation", (violation: string) => violations.push(violation));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      window.recordCspViolation(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} on ${location.pathname}`);
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  return violations;
}

/** The page's security headers; every script in its HTML carries the policy's nonce. Returns the policy. */
async function expectSecureDocument(response: Response | null, frameAncestors: RegExp = /^'none'$/): Promise<string> {
  expect(response, "a document response").not.toBeNull();
  const headers = response!.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  const policy = headers["content-security-policy"] ?? "";
  const nonce = /script-src 'self' 'nonce-([^']+)' 'strict-dynamic'(;|$)/.exec(policy)?.[1];
  expect(nonce, policy).toBeTruthy();
  expect(policy).not.toContain("unsafe-eval");
  expect(/frame-ancestors ([^;]*)/.exec(policy)?.[1]).toMatch(frameAncestors);
  const scripts = (await response!.text()).match(/<script[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
  return policy;
}

test("every page carries a nonce-based CSP and the security headers, and works with no CSP violation", async ({ page }) => {
  const violations = await recordCspViolations(page);

  await expectSecureDocument(await page.goto("/login"));
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  expect(violations).toEqual([]);

  await signIn(page, "owner@acme.test");
  await expect(page).toHaveURL(/\/dashboard$/);
  // `/` sends a signed-in user on to the dashboard.
  await expectSecureDocument(await page.goto("/"));
  await expect(page).toHaveURL(/\/dashboard$/);
  await expectLive(page);
  await expect(page.getByRole("region", { name: "Waiting queue", exact: true })).toHaveAttribute("data-status", "completed");
  await expect(page.getByRole("region", { name: "Message analytics", exact: true }).getByRole("application")).toHaveCount(1);
  expect(violations).toEqual([]);

  await expectSecureDocument(await page.goto("/agent"));
  await expectLive(page);
  await expect(page.getByRole("region", { name: /^Queue/ }).getByRole("listitem")).not.toHaveCount(0);
  expect(violations).toEqual([]);

  await expectSecureDocument(await page.goto("/knowledge"));
  await expect(page.getByRole("switch", { name: "Assistant answers new chats" })).toBeVisible();
  const helpPage = await page
    .getByRole("link", { name: /^Public page of / })
    .first()
    .getAttribute("href");
  expect(helpPage).toMatch(/^\/help\/acme\/[^/]+$/);
  expect(violations).toEqual([]);

  await expectSecureDocument(await page.goto(helpPage!));
  await expect(page.getByRole("article")).toBeVisible();
  expect(violations).toEqual([]);

  // The customer's page: its own policy lets the app (and the business's sites) frame it.
  await expectSecureDocument(await page.goto("/chat/acme"), /^'self'( |$)/);
  await startCustomerChat(page, { name: unique("Casey"), message: unique("Checking the page works") });
  expect(violations).toEqual([]);
});

test.describe("a page that does not exist", () => {
  test.use({ allowProblems: /404.*\/no-such-page$/ });

  test("is served under the same policy with no CSP violation", async ({ page }) => {
    const violations = await recordCspViolations(page);
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expectSecureDocument(response);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    expect(violations).toEqual([]);
  });
});

test.describe("the customer chat framed by other sites", () => {
  test.describe.configure({ timeout: 180_000 });
  // The frames Chromium refused to show, as failed requests and as its console lines about them.
  test.use({ allowProblems: /ERR_BLOCKED_BY_RESPONSE|violates the following Content Security Policy directive: "frame-ancestors/ });

  const dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-framing-"));
  const databaseDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-framing-db-"));
  let database: EmbeddedPostgres;
  let server: ChildProcess;
  let appUrl: string;
  // Sites on origins of their own; loopback like the app, so Chromium's local network access checks stay out of it.
  let shop: FramingSite;
  let elsewhere: FramingSite;

  // A server of its own, so the demo business's allowed origins can be set in its database.
  test.beforeAll(async () => {
    [shop, elsewhere] = [await startFramingSite(() => appUrl), await startFramingSite(() => appUrl)];
    database = new EmbeddedPostgres({ dataDir: databaseDir, port: await freePort() });
    await database.start();
    const port = await freePort();
    appUrl = `http://localhost:${port}`;
    server = spawn("node", ["--import", "tsx", "server.ts"], {
      env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: database.connectionString, NEXTAUTH_URL: appUrl, LOG_LEVEL: "warn" },
      stdio: "ignore",
    });
    await expect.poll(async () => (await fetch(`${appUrl}/health`).catch(() => null))?.status, { timeout: 60_000 }).toBe(200);
    // Before any chat page is asked for, so no node has cached the business's origins yet.
    const db = createPrismaClient(database.connectionString);
    const acme = await db.business.findUniqueOrThrow({ where: { slug: "acme" }, select: { settings: true } });
    await db.business.update({ where: { slug: "acme" }, data: { settings: { ...(acme.settings as object), allowedOrigins: [shop.origin] } } });
    await db.$disconnect();
  });
  test.afterAll(async () => {
    if (server?.exitCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    await database?.stop();
    await Promise.all([shop?.close(), elsewhere?.close()]);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(databaseDir, { recursive: true, force: true });
  });

  /** Opens the site's page that frames `appPath` of the app; returns Chromium's refusals to show the frame. */
  async function openFramed(page: Page, site: FramingSite, appPath: string): Promise<string[]> {
    const refusals: string[] = [];
    page.on("console", (message) => {
      if (/frame-ancestors/.test(message.text())) refusals.push(message.text());
    });
    await page.goto(`${site.origin}${appPath}`);
    return refusals;
  }

  test("the business's allowed origin may frame /chat/acme; other sites, and other pages, may not", async ({ page }) => {
    await openFramed(page, shop, "/chat/acme");
    await expect(page.frameLocator("iframe").getByRole("button", { name: "Start chat" })).toBeVisible();

    const refusedChat = await openFramed(page, elsewhere, "/chat/acme");
    await expect.poll(() => refusedChat.join("\n")).toContain(`frame-ancestors 'self' ${shop.origin}`);
    await expect(page.frameLocator("iframe").getByRole("button", { name: "Start chat" })).toHaveCount(0);

    const refusedLogin = await openFramed(page, shop, "/login");
    await expect.poll(() => refusedLogin.join("\n")).toContain("frame-ancestors 'none'");
    await expect(page.frameLocator("iframe").getByRole("button", { name: "Sign in" })).toHaveCount(0);
  });
});

interface FramingSite {
  origin: string;
  close(): Promise<void>;
}

/** A site whose page at any path frames the same path of the app. */
async function startFramingSite(appUrl: () => string): Promise<FramingSite> {
  const server = createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><title>A business's site</title><iframe title="framed" src="${appUrl()}${req.url}" width="420" height="640"></iframe>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
