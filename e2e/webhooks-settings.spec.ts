import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhookSignature } from "../lib/webhooks/signature";
import { expectNoSeriousViolations } from "./support/axe";
import { signIn, unique } from "./support/demo";
import { expect, test } from "./support/fixtures";

/** A local webhook receiver: resolves each request it gets, answers 204. */
async function startReceiver() {
  const requests: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

test("webhooks: an admin adds an endpoint, copies its secret once, sends a test event and sees it delivered", async ({ page }) => {
  const receiver = await startReceiver();
  try {
    const description = unique("CRM sync");
    await signIn(page, "owner@acme.test");
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.goto("/settings/webhooks");
    await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();

    const form = page.getByRole("region", { name: "New endpoint" });
    await form.getByLabel("Endpoint URL").fill(receiver.url);
    await form.getByLabel("Description").fill(description);
    // Only the rating event: the other specs' chats in this business send nothing here.
    for (const box of await form.getByRole("checkbox").all()) await box.uncheck();
    await form.getByRole("checkbox", { name: /conversation\.rated/ }).check();
    await form.getByRole("button", { name: "Add endpoint" }).click();

    const secretPanel = page.getByRole("region", { name: "Signing secret" });
    const secretField = secretPanel.getByLabel("Signing secret");
    await expect(secretField).toHaveValue(/^whsec_/);
    await expect(secretField).toBeFocused();
    const secret = await secretField.inputValue();
    await expectNoSeriousViolations(page);
    await secretPanel.getByRole("button", { name: "Done" }).click();
    await expect(secretPanel).toHaveCount(0);

    // Shown once: a fresh paint of the page has it nowhere.
    await page.reload();
    const endpoint = page.getByRole("listitem").filter({ hasText: description });
    await expect(endpoint).toContainText("Active");
    await expect(endpoint).toContainText("conversation.rated");
    expect(await page.content()).not.toContain(secret);

    await endpoint.getByRole("button", { name: /^Send test event/ }).click();
    await expect.poll(() => receiver.requests.length).toBe(1);
    const [ping] = receiver.requests;
    expect(ping.headers["switchboard-event"]).toBe("ping");
    expect(verifyWebhookSignature(secret, ping.body, String(ping.headers["switchboard-signature"]))).toBe(true);

    // The delivery log (opened by the test event) shows it delivered, with the receiver's answer.
    const log = endpoint.getByRole("list").filter({ hasText: "ping" });
    await expect(async () => {
      await endpoint.getByRole("button", { name: /^Refresh/ }).click();
      await expect(log.getByText("Delivered")).toBeVisible({ timeout: 1_000 });
    }).toPass();
    await expect(log).toContainText("HTTP 204");
    await log.getByText("Attempts and responses").click();
    await expect(log.getByRole("button", { name: /^Redeliver/ })).toBeVisible();
    await expectNoSeriousViolations(page);

    await page.setViewportSize({ width: 375, height: 740 });
    await expect(log).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectNoSeriousViolations(page);

    await endpoint.getByRole("button", { name: /^Delete/ }).click();
    await endpoint.getByRole("button", { name: "Delete endpoint" }).click();
    await expect(page.getByRole("listitem").filter({ hasText: description })).toHaveCount(0);
  } finally {
    await receiver.close();
  }
});
