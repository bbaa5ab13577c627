import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { io } from "socket.io-client";
import { baseURL } from "../playwright.config";
import { expectLive, signIn } from "./support/demo";
import { expect, test } from "./support/fixtures";

/** One credentials sign-in over HTTP, as a non-browser client does it (README "Non-browser login"). */
async function postCredentials(request: APIRequestContext, email: string, password: string) {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  return request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" } });
}

test.describe("sign-in throttle", () => {
  test.use({ allowProblems: /(401|429).*\/api\/auth\/callback\/credentials/ });

  test("after a few failures for one account the server answers 429 with Retry-After, and the login page says so", async ({ request, page }) => {
    // An address nobody has: unknown emails are throttled exactly like known ones (and no demo account is locked).
    const email = `guess-${randomUUID().slice(0, 8)}@example.test`;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await postCredentials(request, email, `wrong-${i}`)).status());
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const refused = await postCredentials(request, email, "wrong-again");
    expect(refused.status()).toBe(429);
    expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
    expect((await refused.json()).error.code).toBe("rate_limited");

    await signIn(page, email, "one-more-guess");
    await expect(page.getByRole("alert").filter({ hasText: "Too many sign-in attempts" })).toBeVisible();
  });
});

test("sign-out ends the session on the server: the old cookie opens no page, API or socket", async ({ page, browser }) => {
  await signIn(page, "agent@acme.test");
  await expectLive(page);
  const [oldCookie] = (await page.context().cookies()).filter((cookie) => cookie.name === "next-auth.session-token");
  expect(oldCookie).toBeTruthy();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  // Someone who kept a copy of the cookie (another tab, a stolen token) gets nothing with it.
  const replay = await browser.newContext();
  await replay.addCookies([oldCookie]);
  const api = await replay.request.get("/api/v1/admin/chat-dashboard/overview");
  expect(api.status()).toBe(401);
  const replayPage = await replay.newPage();
  await replayPage.goto("/dashboard");
  await expect(replayPage).toHaveURL(/\/login\?callbackUrl=%2Fdashboard/);
  await replay.close();
  const socket = io(`${baseURL}/dashboard`, { transports: ["websocket"], reconnection: false, forceNew: true, auth: { token: oldCookie.value } });
  const refusal = await new Promise<string>((resolve) => {
    socket.once("connect", () => resolve("connected"));
    socket.once("connect_error", (error) => resolve(error.message));
  });
  socket.close();
  expect(refusal).toBe("unauthorized");
});

test.describe("callbackUrl", () => {
  test("a tab or newline in callbackUrl never leads off the site, before or after signing in", async ({ page }) => {
    await page.goto("/login?callbackUrl=/%09/evil.example/");
    await page.getByLabel("Email").fill("owner@acme.test");
    await page.getByLabel("Password").fill("switchboard-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${baseURL}/dashboard`);

    // Signed in, the login page redirects at once: still only to this site, and a newline is no 500.
    for (const target of ["/%09/evil.example/", "/%0A/evil.example", "https://evil.example/"]) {
      const response = await page.request.get(`/login?callbackUrl=${target}`, { maxRedirects: 0 });
      expect(response.status(), target).toBe(307);
      expect(response.headers().location, target).toBe("/dashboard");
    }
  });
});
