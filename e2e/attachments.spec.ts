import type { Page } from "@playwright/test";
import { expectNoSeriousViolations } from "./support/axe";
import { customerPage, openWorkspace, queuePosition, queueRow, startCustomerChat, unique } from "./support/demo";
import { expect, test } from "./support/fixtures";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

/** A real PNG drawn by the browser (a photo of "the damage"), so the preview has something to show. */
async function drawnPng(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = 320;
    canvas.height = 180;
    const context = canvas.getContext("2d")!;
    context.fillStyle = "#0f766e";
    context.fillRect(0, 0, 320, 180);
    context.fillStyle = "#fde68a";
    context.fillRect(40, 40, 240, 100);
    context.fillStyle = "#111827";
    context.font = "bold 22px sans-serif";
    context.fillText("Damaged box", 90, 98);
    return canvas.toDataURL("image/png");
  });
  return Buffer.from(dataUrl.split(",")[1], "base64");
}

// The SVG below is refused on purpose (415).
test.use({ allowProblems: /file_name=logo\.svg/ });

const bubbleWith = (page: Page, text: string) => page.getByRole("log").getByRole("listitem").filter({ hasText: text });

test("attachments: the customer sends an image, the agent sees its preview and sends a PDF back, the customer gets a download link", async ({ page: agent, browser, problems }) => {
  const customerName = unique("Robin");
  const customer = await customerPage(browser, problems);
  await startCustomerChat(customer, { name: customerName, message: unique("My parcel arrived broken, can I talk to a person?") });
  await queuePosition(customer);

  await openWorkspace(agent, "maya@acme.test");
  await queueRow(agent, customerName).getByRole("button", { name: "Claim" }).click();
  await expect(customer.getByRole("status").first()).toContainText("You're chatting with");

  // The customer picks a file with the keyboard-reachable "Attach file" control (a real file input).
  const photoName = `${unique("damage").replace(" ", "-")}.png`;
  await customer.getByLabel("Attach file").setInputFiles({ name: photoName, mimeType: "image/png", buffer: await drawnPng(customer) });
  const customerPhoto = customer.getByRole("log").getByRole("img", { name: photoName });
  await expect(customerPhoto).toBeVisible();

  // The agent sees the preview live, loaded (the signed link served the image), named by its file name.
  const agentPhoto = agent.getByRole("log").getByRole("img", { name: photoName });
  await expect(agentPhoto).toBeVisible();
  await expect.poll(() => agentPhoto.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(320);

  // The agent answers with a PDF: the customer gets a link with its name and size, never a preview.
  const invoiceName = `${unique("invoice").replace(" ", "-")}.pdf`;
  await agent.getByLabel("Attach file").setInputFiles({ name: invoiceName, mimeType: "application/pdf", buffer: PDF });
  const link = customer.getByRole("link", { name: new RegExp(invoiceName) });
  await expect(link).toBeVisible();
  await expect(link).toContainText(`${PDF.length} bytes`);
  await expect(bubbleWith(customer, invoiceName).getByRole("img")).toHaveCount(0);
  const served = await customer.request.get((await link.getAttribute("href"))!);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toBe("application/pdf");
  expect(served.headers()["x-content-type-options"]).toBe("nosniff");
  expect(served.headers()["content-disposition"]).toMatch(/^attachment;/);

  // A kind the server does not take: the customer reads why, and nothing is sent.
  await customer.getByLabel("Attach file").setInputFiles({ name: "logo.svg", mimeType: "image/svg+xml", buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
  const refused = customer.getByRole("alert").filter({ hasText: "logo.svg was not sent" });
  await expect(refused).toContainText("logo.svg was not sent: Only images (PNG, JPEG, GIF, WebP), PDF and plain text files can be sent.");
  await refused.getByRole("button", { name: "Dismiss" }).click();
  await expect(refused).toHaveCount(0);

  // After a reload, the history brings the files back with fresh links.
  await customer.reload();
  await expect(customer.getByRole("log").getByRole("img", { name: photoName })).toBeVisible();
  await expect(customer.getByRole("link", { name: new RegExp(invoiceName) })).toBeVisible();

  // Accessible, and usable on a phone, on both sides.
  for (const [name, page] of Object.entries({ customer, agent })) {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.screenshot({ path: `test-results/attachments-${name}-375.png` });
    const overflowing = await page.evaluate(() =>
      Array.from(document.querySelectorAll("body *"))
        .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 5)
        .map((element) => `${element.tagName}.${element.className}`.slice(0, 160)),
    );
    expect(overflowing, `${name}: nothing wider than the screen`).toEqual([]);
    await expect(page.getByLabel("Attach file")).toBeAttached();
    await expect(page.getByText("Attach file")).toBeVisible();
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), { message: `${name}: no horizontal scrolling` }).toBe(true);
    await expectNoSeriousViolations(page);
  }
  await agent.setViewportSize({ width: 1280, height: 800 });
  await agent.screenshot({ path: "test-results/attachments-agent-desktop.png" });
  await customer.setViewportSize({ width: 1280, height: 800 });
  await customer.screenshot({ path: "test-results/attachments-customer-desktop.png" });

  await agent.getByRole("button", { name: "Close chat" }).click();
  await customer.context().close();
});
