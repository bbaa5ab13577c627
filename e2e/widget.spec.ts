import { createHmac, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { expectNoSeriousViolations } from "./support/axe";
import { customerPage, openWorkspace, queueRow, signIn, unique } from "./support/demo";
import { expect, test } from "./support/fixtures";

/**
 * Issue 17, the widget: a plain page of another origin (a node:http server here, loopback like the
 * app) puts the one script tag on its pages; the customer chats in the panel with an agent in
 * another browser; a site the business has not allowed gets neither the frame nor the chat API.
 */

interface HostSite {
  origin: string;
  close(): Promise<void>;
}

/**
 * A business's site: two pages with the snippet; each registers a message listener (and identifies
 * its signed-in user, when `signedIn` names one) through the queue stub before the loader runs.
 */
async function startHostSite(signedIn: () => { external_id: string; user_hash: string } | null = () => null): Promise<HostSite> {
  const page = (title: string, other: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body><main><h1>${title}</h1><p><a href="${other}">Another page of the shop</a></p>
<p>Messages from support: <output id="support-messages"></output></p></main>
<script>
window.Switchboard = window.Switchboard || function () { (Switchboard.q = Switchboard.q || []).push(arguments); };
Switchboard("on", "message", function (message) { document.getElementById("support-messages").textContent += "[" + message.author + "] " + message.body; });
${signedIn() ? `Switchboard("identify", ${JSON.stringify(signedIn())});` : ""}
</script>
<script src="${baseURL}/widget.js" data-business="acme" async></script></body></html>`;
  const server = createServer((req, res) => {
    if (req.url === "/" || req.url === "/second") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(req.url === "/" ? page("Acme shop", "/second") : page("Acme shop: orders", "/"));
    } else {
      res.writeHead(204);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const launcher = (page: Page) => page.getByRole("button", { name: /support chat/ });
const panelFrame = (page: Page) => page.frameLocator('iframe[title="Support chat"]');
const originsField = (page: Page) => page.getByLabel("Sites, one origin per line");

/** The owner, on /settings/widget, sets the business's allowed origins; answers the list it replaced. */
async function setAllowedOrigins(owner: Page, origins: (current: string[]) => string[]): Promise<string[]> {
  await owner.goto("/settings/widget");
  const current = (await originsField(owner).inputValue()).split("\n").filter(Boolean);
  await originsField(owner).fill(origins(current).join("\n"));
  await owner.getByRole("button", { name: "Save origins" }).click();
  await expect(owner.getByRole("status").filter({ hasText: /^Saved/ })).toBeVisible();
  return current;
}

async function ownerPage(browser: Browser, problems: string[]): Promise<Page> {
  const owner = await customerPage(browser, problems);
  await signIn(owner, "owner@acme.test");
  await expect(owner).toHaveURL(/\/dashboard$/);
  return owner;
}

test.describe("the chat widget on a business's own site", () => {
  let shop: HostSite;
  let elsewhere: HostSite;
  test.beforeAll(async () => {
    [shop, elsewhere] = [await startHostSite(), await startHostSite()];
  });
  test.afterAll(async () => {
    await Promise.all([shop?.close(), elsewhere?.close()]);
  });

  test("settings show the snippet and the identity secret once; the customer chats in the widget with an agent: unread badge, pages kept, keyboard, axe", async ({
    page: agent,
    browser,
    problems,
  }) => {
    test.setTimeout(120_000);
    const owner = await ownerPage(browser, problems);
    await owner.goto("/settings/widget");
    await expect(owner.getByRole("textbox", { name: "Snippet" })).toHaveValue(`<script src="${baseURL}/widget.js" data-business="acme" async></script>`);
    const secretButton = owner.getByRole("button", { name: /^(Create|Rotate) secret$/ });
    await secretButton.click();
    await expect(owner.getByRole("textbox", { name: "Identity secret" })).toHaveValue(/^sbid_/);
    await expect(owner.getByText("it is not shown again")).toBeVisible();
    await expectNoSeriousViolations(owner);
    await owner.setViewportSize({ width: 375, height: 800 });
    expect(await owner.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await owner.reload();
    await expect(owner.getByRole("textbox", { name: "Identity secret" })).toHaveCount(0);
    await expect(owner.getByText(/A secret is set/)).toBeVisible();

    const previous = await setAllowedOrigins(owner, (current) => [...current, shop.origin]);
    // The chat page's frame rule names the shop once this node's origins cache has the change.
    await expect.poll(async () => (await fetch(`${baseURL}/chat/acme`)).headers.get("content-security-policy")).toContain(shop.origin);

    const customer = await customerPage(browser, problems);
    await customer.goto(`${shop.origin}/`);
    await expect(launcher(customer)).toHaveAttribute("aria-expanded", "false");
    await launcher(customer).focus();
    await customer.keyboard.press("Enter");
    await expect(launcher(customer)).toHaveAttribute("aria-expanded", "true");
    const frame = panelFrame(customer);
    // The focus moves into the panel, on the first field.
    await expect(frame.getByLabel("Name")).toBeFocused();

    const customerName = unique("Wren");
    const question = unique("Hi from the shop, can I talk to a person?");
    await frame.getByLabel("Name").fill(customerName);
    await frame.getByLabel("How can we help?").fill(question);
    await frame.getByRole("button", { name: "Start chat" }).click();
    await expect(frame.getByRole("log")).toContainText(question);

    await openWorkspace(agent, "agent@acme.test");
    const row = queueRow(agent, customerName);
    await row.getByRole("button", { name: "Claim" }).click();
    await expect(frame.getByRole("status").filter({ hasText: "You're chatting with" })).toBeVisible();
    const reply = agent.getByLabel("Reply");
    await reply.fill("Hello from Acme support.");
    await reply.press("Enter");
    await expect(frame.getByRole("log")).toContainText("Hello from Acme support.");

    // Escape in the panel closes it and gives the focus back to the launcher.
    await frame.getByLabel("Message", { exact: true }).focus();
    await customer.keyboard.press("Escape");
    await expect(launcher(customer)).toHaveAttribute("aria-expanded", "false");
    await expect(launcher(customer)).toBeFocused();
    await expect(customer.locator("iframe[title='Support chat']")).toBeHidden();

    await reply.fill("Your parcel ships today.");
    await reply.press("Enter");
    await expect(launcher(customer)).toHaveAccessibleName("Open support chat, 1 unread message");
    await expect(customer.locator("#support-messages")).toContainText("[AGENT] Your parcel ships today.");

    // Another page of the site: the same conversation.
    await customer.getByRole("link", { name: "Another page of the shop" }).click();
    await expect(customer).toHaveTitle("Acme shop: orders");
    await launcher(customer).click();
    await expect(panelFrame(customer).getByRole("log")).toContainText("Your parcel ships today.");
    await expect(panelFrame(customer).getByRole("log")).toContainText(question);
    await expectNoSeriousViolations(customer);

    // On a phone the panel takes the whole screen.
    await customer.setViewportSize({ width: 375, height: 700 });
    const box = await customer.locator("iframe[title='Support chat']").boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 375, height: 700 });

    await agent.getByRole("button", { name: "Close chat" }).click();
    await expect(panelFrame(customer).getByRole("status")).toContainText("This chat has ended");
    await setAllowedOrigins(owner, () => previous);
    await customer.context().close();
    await owner.context().close();
  });

  test.describe("identity", () => {
    // A hash that does not verify reads no history: the 403 (and Chromium's console line about it) is the point.
    test.use({ allowProblems: /\/api\/v1\/chat\/history/ });

    test("a verified user sees their past conversations in the widget on a new device; a wrong hash sees none", async ({ browser, problems }) => {
      const owner = await ownerPage(browser, problems);
      await owner.goto("/settings/widget");
      await owner.getByRole("button", { name: /^(Create|Rotate) secret$/ }).click();
      const secret = await owner.getByRole("textbox", { name: "Identity secret" }).inputValue();
      const externalId = `shop-user-${randomUUID()}`;
      let identity: { external_id: string; user_hash: string } = { external_id: externalId, user_hash: createHmac("sha256", secret).update(externalId).digest("hex") };
      const site = await startHostSite(() => identity);
      const previous = await setAllowedOrigins(owner, (current) => [...current, site.origin]);
      await expect.poll(async () => (await fetch(`${baseURL}/chat/acme`)).headers.get("content-security-policy")).toContain(site.origin);

      // An earlier chat of this user, from another device (the site's server vouching for them).
      const earlier = unique("My earlier question about returns");
      const started = await fetch(`${baseURL}/api/v1/chat/init`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ business: "acme", customer: identity, message: earlier }),
      });
      expect(await started.json()).toMatchObject({ verified: true });

      const customer = await customerPage(browser, problems);
      await customer.goto(`${site.origin}/`);
      await launcher(customer).click();
      const past = panelFrame(customer).getByRole("region", { name: "Past conversations" });
      await expect(past).toContainText(earlier);
      await expectNoSeriousViolations(customer);

      // The site signs its user out (Switchboard.reset()): on a shared computer the next visitor
      // gets neither the open chat nor the past ones.
      const panel = panelFrame(customer);
      const question = unique("A question before signing out");
      await panel.getByLabel("How can we help?").fill(question);
      await panel.getByRole("button", { name: "Start chat" }).click();
      await expect(panel.getByRole("log").getByText(question)).toBeVisible();
      await customer.evaluate(() => window.Switchboard?.reset());
      await expect(launcher(customer)).toHaveAttribute("aria-expanded", "false");
      await launcher(customer).click();
      await expect(panel.getByRole("button", { name: "Start chat" })).toBeVisible();
      await expect(panel.getByText(question)).toHaveCount(0);
      await expect(panel.getByRole("region", { name: "Past conversations" })).toHaveCount(0);

      identity = { external_id: externalId, user_hash: createHmac("sha256", "not the secret").update(externalId).digest("hex") };
      const stranger = await customerPage(browser, problems);
      // The history request is refused (403) for a hash that does not verify.
      await Promise.all([stranger.waitForResponse((response) => response.url().endsWith("/api/v1/chat/history") && response.status() === 403), stranger.goto(`${site.origin}/`)]);
      await launcher(stranger).click();
      await expect(panelFrame(stranger).getByRole("button", { name: "Start chat" })).toBeVisible();
      await expect(panelFrame(stranger).getByText(earlier)).toHaveCount(0);

      await setAllowedOrigins(owner, () => previous);
      await Promise.all([site.close(), customer.context().close(), stranger.context().close(), owner.context().close()]);
    });
  });

  test.describe("a site the business has not allowed", () => {
    // Chromium's refusals of the frame and of the cross-origin API call are the point here.
    test.use({ allowProblems: /ERR_BLOCKED_BY_RESPONSE|frame-ancestors|CORS|ERR_FAILED|HTTP 403: .*\/api\/v1\/chat\/init/ });

    test("gets no chat frame (frame-ancestors) and no answer from the chat API (no CORS allow-origin)", async ({ page }) => {
      const framed = page.waitForResponse((response) => response.url().startsWith(`${baseURL}/chat/acme?embed=1`));
      await page.goto(`${elsewhere.origin}/`);
      const policy = (await (await framed).headerValue("content-security-policy")) ?? "";
      expect(policy).toMatch(/frame-ancestors 'self'/);
      expect(policy).not.toContain(elsewhere.origin);
      await launcher(page).click();
      await expect(panelFrame(page).getByRole("button", { name: "Start chat" })).toHaveCount(0);

      const api = await page.evaluate(async (url) => {
        try {
          const response = await fetch(`${url}/api/v1/chat/init`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ business: "acme", message: "hi" }) });
          return `answered ${response.status}`;
        } catch (error) {
          return `refused: ${(error as Error).name}`;
        }
      }, baseURL);
      expect(api).toBe("refused: TypeError");
      const direct = await fetch(`${baseURL}/api/v1/chat/init`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: elsewhere.origin },
        body: JSON.stringify({ business: "acme", message: "hi" }),
      });
      expect(direct.status).toBe(403);
      expect(direct.headers.get("access-control-allow-origin")).toBeNull();
    });
  });
});
