/**
 * First run on an installation without users: every page leads to /setup; exactly one setup ever
 * succeeds (also two at once); afterwards /setup answers 404. The headless ways (BOOTSTRAP_* and
 * `npm run setup`) do the same, idempotently.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { POST as setupRoute } from "../../app/api/v1/setup/route";
import { checkPassword } from "../../lib/auth/password.server";
import { bootstrapSetup, loadEnv } from "../../lib/config/env.server";
import { isSetupPending, setupHeadless } from "../../lib/setup/first-run.server";
import { callRoute, useLoginThrottle, useStaffRoutes } from "../support/staff-routes";
import { useTestStack } from "../support/test-stack";

const run = promisify(execFile);
const STRONG = "a long first password";

const setupBody = (email: string, business: string, slug?: string) => ({
  name: "First Owner",
  email,
  password: STRONG,
  business: { name: business, ...(slug ? { slug } : {}), timezone: "Europe/Berlin", currency: "EUR" },
});

describe("first run", () => {
  const stack = useTestStack();
  useStaffRoutes(stack);
  useLoginThrottle(stack);
  const db = () => stack.database.db;
  const emptyInstallation = () => db().$executeRawUnsafe(`TRUNCATE "User", "Business" CASCADE`);
  const page = (path: string, accept = "text/html") => fetch(`${stack.server.url}${path}`, { headers: { accept }, redirect: "manual" });
  const setup = (body: unknown) => callRoute(setupRoute, { method: "POST", path: "/api/v1/setup", body });

  before(emptyInstallation);

  it("without users every page leads to /setup; the setup page, APIs, health and assets do not", async () => {
    assert.equal(await isSetupPending(db()), true);
    for (const path of ["/", "/dashboard", "/agent?x=1", "/settings/team", "/login"]) {
      const response = await page(path);
      assert.equal(response.status, 307, path);
      assert.equal(response.headers.get("location"), "/setup");
    }
    for (const path of ["/setup", "/health", "/api/v1/admin/team", "/_next/static/x.js", "/icon.svg"]) assert.notEqual((await page(path)).status, 307, path);
    assert.notEqual((await fetch(`${stack.server.url}/dashboard`, { method: "POST", redirect: "manual" })).status, 307);
  });

  it("refuses a weak password or a bad business with the fields named, and writes nothing", async () => {
    for (const [body, field] of [
      [{ ...setupBody("owner@first.test", "First Co"), password: "password123" }, "password"],
      [{ ...setupBody("owner@first.test", "First Co"), password: "owner@first.test" }, "password"],
      [setupBody("not-an-email", "First Co"), "email"],
      [{ ...setupBody("owner@first.test", "First Co"), business: { name: "First Co", timezone: "Mars/Olympus", currency: "EUR" } }, "business.timezone"],
      [setupBody("owner@first.test", "First Co", "-nope-"), "business.slug"],
    ] as const) {
      const answer = await setup(body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.ok((answer.body as { error: { fields: Record<string, unknown> } }).error.fields[field], `${field} named`);
    }
    assert.equal(await db().user.count(), 0);
    assert.equal(await db().business.count(), 0);
  });

  it("two setups at once: exactly one wins; then /setup and the endpoint are gone and pages load", async () => {
    const answers = await Promise.all([setup(setupBody("one@first.test", "One Co", "one")), setup(setupBody("two@first.test", "Two Co", "two"))]);
    assert.deepEqual(answers.map((a) => a.status).sort(), [201, 404]);
    assert.equal(await db().user.count(), 1);
    assert.equal(await db().business.count(), 1);
    const winner = answers.find((a) => a.status === 201)!.body as { user_id: string; business_id: string };
    const user = await db().user.findUniqueOrThrow({ where: { id: winner.user_id } });
    assert.ok(await checkPassword(STRONG, user.passwordHash));
    const business = await db().business.findUniqueOrThrow({ where: { id: winner.business_id } });
    assert.deepEqual([business.timezone, business.currency], ["Europe/Berlin", "EUR"]);
    const membership = await db().membership.findUniqueOrThrow({ where: { userId_businessId: { userId: user.id, businessId: business.id } } });
    assert.equal(membership.role, "OWNER");
    assert.equal(await db().agent.count({ where: { businessId: business.id, userId: user.id } }), 1, "the owner can take chats");
    assert.equal(await db().auditLog.count({ where: { businessId: business.id, action: "setup.completed" } }), 1);

    assert.equal((await setup(setupBody("three@first.test", "Three Co"))).status, 404);
    assert.equal((await page("/dashboard")).status, 404, "no redirect any more (the test server has no pages)");
  });

  it("headless: setupHeadless is idempotent, and BOOTSTRAP_* must come together", async () => {
    await emptyInstallation();
    const headless = { email: "boot@first.test", password: STRONG, name: "Boot Owner", businessName: "Boot Co" };
    assert.equal(await setupHeadless(db(), headless), true);
    assert.equal(await setupHeadless(db(), headless), false);
    assert.equal(await db().user.count(), 1);
    assert.equal((await db().business.findFirstOrThrow()).slug, "boot-co");

    const env = (extra: Record<string, string>) => loadEnv({ ...extra });
    assert.equal(bootstrapSetup(env({})), null);
    assert.deepEqual(bootstrapSetup(env({ BOOTSTRAP_OWNER_EMAIL: "Boss@Example.test", BOOTSTRAP_OWNER_PASSWORD: STRONG, BOOTSTRAP_BUSINESS_NAME: "Boss Co" })), {
      email: "boss@example.test",
      password: STRONG,
      name: "Owner",
      businessName: "Boss Co",
    });
    assert.throws(() => env({ BOOTSTRAP_OWNER_EMAIL: "boss@example.test" }), /BOOTSTRAP_OWNER_EMAIL/);
  });

  describe("npm run setup", () => {
    const cli = (args: string[], env: Record<string, string> = {}) =>
      run("node", ["--import", "tsx", "scripts/setup.ts", ...args], { env: { ...process.env, DATABASE_URL: stack.database.url, ...env } }).then(
        (done) => ({ code: 0, out: done.stdout + done.stderr }),
        (failed: { code: number; stdout: string; stderr: string }) => ({ code: failed.code, out: failed.stdout + failed.stderr }),
      );
    before(emptyInstallation);
    after(emptyInstallation);

    it("never takes the password as a flag, creates the owner once from SWITCHBOARD_SETUP_PASSWORD, then says setup is done", async () => {
      const flagged = await cli(["--email", "cli@first.test", "--business", "Cli Co", "--password", STRONG]);
      assert.equal(flagged.code, 2);
      assert.match(flagged.out, /never as a flag/);
      const weak = await cli(["--email", "cli@first.test", "--business", "Cli Co"], { SWITCHBOARD_SETUP_PASSWORD: "short" });
      assert.equal(weak.code, 1);
      assert.match(weak.out, /password/);
      assert.equal(await db().user.count(), 0);

      const created = await cli(["--email", "cli@first.test", "--business", "Cli Co", "--timezone", "Asia/Tokyo", "--currency", "JPY"], { SWITCHBOARD_SETUP_PASSWORD: STRONG });
      assert.equal(created.code, 0, created.out);
      const business = await db().business.findFirstOrThrow();
      assert.deepEqual([business.name, business.slug, business.timezone, business.currency], ["Cli Co", "cli-co", "Asia/Tokyo", "JPY"]);
      const again = await cli(["--email", "other@first.test", "--business", "Other Co"], { SWITCHBOARD_SETUP_PASSWORD: STRONG });
      assert.equal(again.code, 0);
      assert.match(again.out, /already done/);
      assert.equal(await db().user.count(), 1);
    });
  });
});
