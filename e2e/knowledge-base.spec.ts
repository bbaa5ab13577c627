import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";
import { DEMO_PASSWORD, signIn, unique } from "./support/demo";
import { expect, test } from "./support/fixtures";

const ARTICLES = "/api/v1/admin/knowledge/articles";
const SETTINGS = "/api/v1/admin/assistant-settings";

/** Signs `page` in and waits for the landing page, so its cookie is set for `page.request`. */
async function signedIn(page: Page, email: string) {
  await signIn(page, email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard$/);
  return page;
}

/** A separate browser context signed in as `email` (close it when done). */
async function signedInContext(browser: Browser, email: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  await signedIn(await context.newPage(), email);
  return context;
}

/** A business's id as the staff API names it (the dashboard fallback answers with its company_id). */
async function defaultCompanyId(request: APIRequestContext): Promise<string> {
  const response = await request.get("/api/v1/admin/chat-dashboard/overview");
  expect(response.status()).toBe(200);
  return ((await response.json()) as { company_id: string }).company_id;
}

const errorOf = async (response: { json(): Promise<unknown> }) => ((await response.json()) as { error: { code: string; fields?: Record<string, string[]> } }).error;

test("an owner adds, edits and deletes an article on /knowledge and reads it on its public page", async ({ page }) => {
  await signedIn(page, "owner@acme.test");
  await page.goto("/knowledge");
  await expect(page.getByRole("heading", { level: 1, name: "Knowledge base" })).toBeVisible();
  const newArticle = page.getByRole("region", { name: "New article" });

  // Empty fields: the messages appear next to them and nothing is sent.
  await newArticle.getByRole("button", { name: "Add article" }).click();
  await expect(newArticle.getByRole("alert").filter({ hasText: "title must not be empty" })).toBeVisible();
  await expect(newArticle.getByRole("alert").filter({ hasText: "body must not be empty" })).toBeVisible();
  await expect(newArticle.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");

  const title = unique("Loyalty points");
  await newArticle.getByLabel("Title").fill(title);
  await newArticle.getByLabel("Body").fill("Every order earns points.\n\nPoints never expire.");
  await newArticle.getByRole("button", { name: "Add article" }).click();
  const articles = page.getByRole("list", { name: /^Articles/ });
  const item = articles.getByRole("listitem").filter({ has: page.getByRole("heading", { name: title }) });
  await expect(item).toContainText("Every order earns points.");
  await expect(newArticle.getByLabel("Title")).toHaveValue("");

  // Edit in place; the title field takes the focus.
  await item.getByRole("button", { name: `Edit ${title}` }).click();
  const editor = articles.getByRole("listitem").filter({ hasText: `Edit “${title}”` });
  await expect(editor.getByLabel("Title")).toBeFocused();
  const renamed = `${title} (renamed)`;
  await editor.getByLabel("Title").fill(renamed);
  await editor.getByRole("button", { name: "Save changes" }).click();
  const renamedItem = articles.getByRole("listitem").filter({ has: page.getByRole("heading", { name: renamed }) });
  await expect(renamedItem).toBeVisible();
  await expect(renamedItem.getByRole("button", { name: `Edit ${renamed}` })).toBeFocused();

  // The public page: title and one paragraph per blank-line-separated block, no login needed.
  await renamedItem.getByRole("link", { name: `Public page of ${renamed}` }).click();
  await expect(page).toHaveURL(/\/help\/acme\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: renamed })).toBeVisible();
  await expect(
    page
      .getByRole("article")
      .locator("p")
      .filter({ hasText: /^(Every order earns points\.|Points never expire\.)$/ }),
  ).toHaveText(["Every order earns points.", "Points never expire."]);
  // Back to the list: it shows the renamed article (the page's server paint was refreshed).
  await page.goBack();
  await expect(renamedItem).toBeVisible();

  // Delete, after a confirmation whose safe answer has the focus; gone after a reload too.
  await renamedItem.getByRole("button", { name: `Delete ${renamed}` }).click();
  await expect(renamedItem.getByRole("button", { name: "Keep it" })).toBeFocused();
  await renamedItem.getByRole("button", { name: "Delete article" }).click();
  await expect(renamedItem).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Knowledge base" })).toBeVisible();
  await expect(page.getByRole("heading", { name: renamed })).toHaveCount(0);
});

test("the assistant switch saves at once and is painted from the database", async ({ page }) => {
  await signedIn(page, "owner@acme.test");
  await page.goto("/knowledge");
  const assistantSwitch = page.getByRole("switch", { name: "Assistant answers new chats" });
  await expect(assistantSwitch).toBeChecked();

  await assistantSwitch.uncheck();
  await expect(page.getByRole("status").filter({ hasText: "Saved: new chats go straight to the queue." })).toBeVisible();
  await page.reload();
  await expect(assistantSwitch).not.toBeChecked();
  expect(await (await page.request.get(SETTINGS)).json()).toEqual({ enabled: false });

  // Back on, as the demo data has it, for the other tests.
  await assistantSwitch.check();
  await expect(page.getByRole("status").filter({ hasText: "Saved: the assistant answers new chats first." })).toBeVisible();
  expect(await (await page.request.get(SETTINGS)).json()).toEqual({ enabled: true });
});

test("an agent is told only owners and admins manage the knowledge base", async ({ page }) => {
  await signedIn(page, "agent@acme.test");
  await page.goto("/agent");
  await page.getByRole("link", { name: "Knowledge base" }).click();
  await expect(page).toHaveURL(/\/knowledge$/);
  await expect(page.getByText("Only owners and admins of a business can manage its knowledge base")).toBeVisible();
  await expect(page.getByRole("switch")).toHaveCount(0);
});

test("the admin API: statuses, validation, roles and tenancy", async ({ page, browser }) => {
  const owner = (await signedIn(page, "owner@acme.test")).request;
  const acmeId = await defaultCompanyId(owner);

  const created = await owner.post(`${ARTICLES}?company_id=${acmeId}`, { data: { title: `  ${unique("Store hours")}  `, body: "Weekdays 9 to 5." } });
  expect(created.status()).toBe(201);
  const article = (await created.json()) as { id: string; title: string; body: string; created_at: string; updated_at: string };
  expect(article).toMatchObject({ title: expect.stringMatching(/^Store hours \w{8}$/), body: "Weekdays 9 to 5." });
  expect(((await (await owner.get(ARTICLES)).json()) as { articles: { id: string }[] }).articles.map((a) => a.id)).toContain(article.id);
  expect(await (await owner.get(`${ARTICLES}/${article.id}`)).json()).toEqual(article);

  const patched = await owner.patch(`${ARTICLES}/${article.id}?company_id=${acmeId}`, { data: { body: "Weekdays 9 to 6." } });
  expect(patched.status()).toBe(200);
  expect(await patched.json()).toMatchObject({ id: article.id, title: article.title, body: "Weekdays 9 to 6." });

  // Bad bodies: 400 naming the fields, nothing stored.
  const empty = await owner.post(ARTICLES, { data: { title: " ", body: "" } });
  expect(empty.status()).toBe(400);
  expect(await errorOf(empty)).toMatchObject({ code: "validation_error", fields: { title: expect.any(Array), body: expect.any(Array) } });
  const unknownKey = await owner.post(ARTICLES, { data: { title: "A", body: "B", business_id: acmeId } });
  expect(unknownKey.status()).toBe(400);
  expect(Object.keys((await errorOf(unknownKey)).fields ?? {})).toEqual(["_"]);
  const notJson = await owner.post(ARTICLES, { data: "{title", headers: { "content-type": "application/json" } });
  expect(notJson.status()).toBe(400);
  expect((await owner.patch(`${ARTICLES}/${article.id}`, { data: {} })).status()).toBe(400);
  const badSwitch = await owner.put(SETTINGS, { data: { enabled: "yes" } });
  expect(badSwitch.status()).toBe(400);
  expect(await errorOf(badSwitch)).toMatchObject({ code: "validation_error", fields: { enabled: expect.any(Array) } });
  const oversized = await owner.post(ARTICLES, { data: { title: "Big", body: "x".repeat(70 * 1024) } });
  expect(oversized.status()).toBe(413);
  expect((await errorOf(oversized)).code).toBe("payload_too_large");

  // An agent of the same business: a member, so 403 rather than 404.
  const agentContext = await signedInContext(browser, "agent@acme.test");
  const agent = agentContext.request;
  for (const response of [
    await agent.get(ARTICLES),
    await agent.post(ARTICLES, { data: { title: "A", body: "B" } }),
    await agent.get(SETTINGS),
    await agent.put(SETTINGS, { data: { enabled: false } }),
  ]) {
    expect(response.status()).toBe(403);
    expect((await errorOf(response)).code).toBe("forbidden");
  }

  // A member of another business cannot tell Acme's business or article from missing ones.
  const globexContext = await signedInContext(browser, "owner@globex.test");
  const globex = globexContext.request;
  for (const response of [
    await globex.get(`${ARTICLES}?company_id=${acmeId}`),
    await globex.get(`${SETTINGS}?company_id=${acmeId}`),
    await globex.get(`${ARTICLES}/${article.id}`),
    await globex.patch(`${ARTICLES}/${article.id}`, { data: { title: "Taken over" } }),
    await globex.delete(`${ARTICLES}/${article.id}`),
    await globex.get(`${ARTICLES}/00000000-0000-4000-8000-000000000000`),
  ]) {
    expect(response.status()).toBe(404);
    expect((await errorOf(response)).code).toBe("not_found");
  }
  expect((await owner.get(`${ARTICLES}/${article.id}`)).status()).toBe(200);

  await agentContext.close();
  await globexContext.close();

  const signedOut = await browser.newContext();
  expect((await signedOut.request.get(ARTICLES)).status()).toBe(401);
  await signedOut.close();

  const deleted = await owner.delete(`${ARTICLES}/${article.id}`);
  expect(deleted.status()).toBe(200);
  expect(await deleted.json()).toEqual({ deleted: true });
  expect((await owner.delete(`${ARTICLES}/${article.id}`)).status()).toBe(404);
});

test.describe("public help pages", () => {
  // The 404s asked for, as responses and as Chromium's console lines about them.
  test.use({ allowProblems: /404.*\/help\// });

  test("render an article under its own business only", async ({ page }) => {
    const owner = (await signedIn(page, "owner@acme.test")).request;
    const title = unique("Gift wrapping");
    const article = (await (await owner.post(ARTICLES, { data: { title, body: "We wrap any order for free.\n\nAdd a note at checkout." } })).json()) as { id: string };

    const shown = await page.goto(`/help/acme/${article.id}`);
    expect(shown?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByText("Add a note at checkout.")).toBeVisible();

    expect((await page.goto(`/help/globex/${article.id}`))?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: title })).toHaveCount(0);
    expect((await page.goto("/help/acme/not-an-id"))?.status()).toBe(404);
    expect((await owner.delete(`${ARTICLES}/${article.id}`)).status()).toBe(200);
  });
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test("the knowledge base has no horizontal scroll", async ({ page }) => {
    await signedIn(page, "manager@both.test");
    await page.goto("/knowledge");
    await expect(page.getByRole("heading", { level: 1, name: "Knowledge base" })).toBeVisible();
    await expect(page.getByLabel("Business").getByRole("option")).toHaveCount(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)).toBe(false);
  });
});
