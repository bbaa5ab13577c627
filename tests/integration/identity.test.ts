/**
 * Issue 17, identity verification and the widget's server side: a business's secret (owners and
 * admins; shown once; rotatable; audit-logged); a customer whose external_id is proven by
 * user_hash = HMAC-SHA256(secret, external_id) is one customer with one history on any device;
 * any other claim is a new anonymous customer that never reads or joins that history; GET
 * /widget.js is served small and cacheable; other sites are refused by the chat API and the frame.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { before, describe, it } from "node:test";
import * as identityRoute from "../../app/api/v1/admin/identity/route";
import * as secretRoute from "../../app/api/v1/admin/identity/secret/route";
import type { ChatHistoryResponse, IdentitySecretWire, IdentityStatusWire } from "../../lib/contract/identity";
import { userHashFor } from "../../lib/identity/user-hash.server";
import { WIDGET_GZIP_BUDGET_BYTES } from "../../lib/widget/widget-script.server";
import { sessionTokenFor } from "../support/auth-tokens";
import { chatApi, newBusiness, startChat, withoutDemoAssistants } from "../support/live-chat";
import { callRoute, useStaffRoutes, type RouteHandler } from "../support/staff-routes";
import { useTestStack } from "../support/test-stack";

const MISSING = "00000000-0000-4000-8000-000000000000";
const SHOP = "https://shop.acme.example";
const EVIL = "https://evil.example";
const handler = (route: unknown) => route as RouteHandler;

describe("identity verification and the widget", () => {
  const stack = useTestStack();
  withoutDemoAssistants(stack);
  useStaffRoutes(stack);
  const db = () => stack.database.db;
  const tokens: Record<string, string> = {};

  before(async () => {
    for (const email of ["owner@acme.test", "manager@both.test", "agent@acme.test", "owner@globex.test"]) tokens[email] = await sessionTokenFor(db(), email);
    await db().$executeRaw`UPDATE "Business" SET settings = settings || ${JSON.stringify({ allowedOrigins: [SHOP] })}::jsonb WHERE id = ${stack.ids.acme}::uuid`;
  });

  const status = (email: string, companyId = stack.ids.acme) => callRoute(handler(identityRoute.GET), { method: "GET", path: `/api/v1/admin/identity?company_id=${companyId}`, token: tokens[email] });
  const rotate = (email: string, companyId = stack.ids.acme, body: unknown = {}) =>
    callRoute(handler(secretRoute.POST), { method: "POST", path: `/api/v1/admin/identity/secret?company_id=${companyId}`, token: tokens[email], body });
  async function newSecret(email = "owner@acme.test", companyId = stack.ids.acme): Promise<string> {
    const answer = await rotate(email, companyId);
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return (answer.body as IdentitySecretWire).secret;
  }

  const identityOf = (secret: string, externalId: string) => ({ external_id: externalId, user_hash: userHashFor(secret, externalId) });
  const init = (customer: Record<string, unknown>, message = "Hello again") => chatApi(stack, "POST", "/api/v1/chat/init", { body: { business: "acme", customer, message } });
  const history = (customer: unknown, headers: Record<string, string> = {}, business = "acme") => chatApi(stack, "POST", "/api/v1/chat/history", { body: { business, customer }, headers });
  const customerOf = (sessionId: string) =>
    db()
      .chatSession.findUniqueOrThrow({ where: { id: sessionId }, select: { customer: { select: { id: true, externalId: true, name: true, email: true } } } })
      .then((s) => s.customer);
  const endChat = async (chat: { session_id: string; session_token: string }) =>
    assert.equal((await chatApi(stack, "DELETE", `/api/v1/chat/${chat.session_id}`, { token: chat.session_token })).status, 200);

  it("owners and admins create and rotate the secret (shown once, audit-logged); agents get 403; another business's and a missing one answer the same 404", async () => {
    const globexSecret = await newSecret("owner@globex.test", stack.ids.globex);
    assert.match(globexSecret, /^sbid_/);
    const before = await status("owner@acme.test");
    assert.deepEqual(before, { status: 200, body: { configured: false, created_at: null } });

    assert.equal((await status("agent@acme.test")).status, 403);
    assert.equal((await rotate("agent@acme.test")).status, 403);
    const foreign = [await status("owner@globex.test"), await rotate("owner@globex.test"), await status("owner@acme.test", MISSING), await rotate("owner@acme.test", MISSING)];
    assert.deepEqual(
      foreign.map((answer) => answer.status),
      [404, 404, 404, 404],
    );
    assert.deepEqual(foreign[1].body, foreign[3].body, "a business of someone else's looks exactly like a missing one");
    const invalid = await rotate("owner@acme.test", stack.ids.acme, { secret: "mine" });
    assert.equal(invalid.status, 400);
    assert.equal((await db().business.findUniqueOrThrow({ where: { id: stack.ids.acme } })).identitySecret, null, "nothing stored from a refused request");

    const created = await rotate("owner@acme.test");
    assert.equal(created.status, 201);
    const first = created.body as IdentitySecretWire;
    assert.equal(first.configured, true);
    const listed = await status("manager@both.test");
    assert.deepEqual(listed, { status: 200, body: { configured: true, created_at: first.created_at } satisfies IdentityStatusWire });
    assert.ok(!JSON.stringify(listed.body).includes(first.secret), "the status never shows the secret");

    const second = await newSecret("manager@both.test");
    assert.notEqual(second, first.secret);
    const audit = await db().auditLog.findMany({
      where: { businessId: stack.ids.acme, action: { startsWith: "identity." } },
      orderBy: { createdAt: "asc" },
      select: { action: true, meta: true, target: true },
    });
    assert.deepEqual(
      audit.map((entry) => entry.action),
      ["identity.secret_created", "identity.secret_rotated"],
    );
    assert.ok(!JSON.stringify(audit).includes(first.secret) && !JSON.stringify(audit).includes(second), "the audit log never holds a secret");
  });

  it("a verified customer is one customer: a second device (no stored token) joins them and reads their past conversations, never the private notes", async () => {
    const secret = await newSecret();
    const me = identityOf(secret, `shop-user-${randomUUID()}`);
    const first = await init({ ...me, name: "Dana Fox", email: "dana@example.com" }, "Where is my parcel?");
    assert.equal(first.status, 201);
    assert.equal(first.body.verified, true);
    const firstChat = first.body as { session_id: string; session_token: string };
    await db().sessionNote.create({ data: { businessId: stack.ids.acme, sessionId: firstChat.session_id, body: "PRIVATE: customer was rude", clientMessageId: "note-1" } });
    await endChat(firstChat);

    // Another device: nothing stored, only what the site vouches for.
    const second = await init({ ...me, name: "Dana F." }, "Any news on my parcel?");
    assert.equal(second.body.verified, true);
    const [a, b] = [await customerOf(firstChat.session_id), await customerOf(second.body.session_id)];
    assert.equal(a.id, b.id, "one customer row");
    assert.deepEqual({ externalId: b.externalId, name: b.name, email: b.email }, { externalId: me.external_id, name: "Dana F.", email: "dana@example.com" });

    const someoneElse = identityOf(secret, `shop-user-${randomUUID()}`);
    assert.equal((await init(someoneElse, "Not Dana's chat")).body.verified, true);

    const read = await history(me);
    assert.equal(read.status, 200, JSON.stringify(read.body));
    const { conversations } = read.body as ChatHistoryResponse;
    assert.deepEqual(
      conversations.map((c) => c.session_id),
      [second.body.session_id, firstChat.session_id],
      "newest first, theirs only",
    );
    assert.deepEqual(
      conversations[1].messages.map((m) => [m.author, m.body]),
      [["CUSTOMER", "Where is my parcel?"]],
    );
    assert.equal(conversations[1].status, "ABANDONED");
    assert.ok(conversations[1].closed_at);
    assert.ok(!JSON.stringify(read.body).includes("PRIVATE") && !JSON.stringify(read.body).includes("Not Dana's chat"));
  });

  it("a wrong or missing hash makes a new anonymous customer, never attached to the verified one, who cannot read the history", async () => {
    const secret = await newSecret();
    const me = identityOf(secret, `shop-user-${randomUUID()}`);
    const verified = await init({ ...me, name: "Robin" });
    const mine = await customerOf(verified.body.session_id);

    const claims = [
      { external_id: me.external_id, user_hash: userHashFor("a guessed secret", me.external_id), name: "Mallory" },
      { external_id: me.external_id, user_hash: userHashFor(secret, `${me.external_id}x`) },
      { external_id: me.external_id, name: "No hash" },
    ];
    const anonymous = new Set<string>();
    for (const claim of claims) {
      const answer = await init(claim, "Show me Robin's chats");
      assert.equal(answer.status, 201);
      assert.equal(answer.body.verified, false);
      const customer = await customerOf(answer.body.session_id);
      assert.notEqual(customer.id, mine.id, "never the verified customer's row");
      assert.equal(customer.externalId, null);
      anonymous.add(customer.id);
    }
    assert.equal(anonymous.size, claims.length, "a new anonymous customer each time");
    assert.equal((await customerOf(verified.body.session_id)).name, "Robin", "the verified customer's details untouched");
    assert.equal(
      (await db().customer.findFirstOrThrow({ where: { businessId: stack.ids.acme, id: { in: [...anonymous] }, name: "Mallory" } })).name,
      "Mallory",
      "the claim's name kept as self-reported",
    );

    for (const claim of [
      { external_id: me.external_id, user_hash: claims[0].user_hash },
      { external_id: `${me.external_id}x`, user_hash: me.user_hash },
    ]) {
      const refused = await history(claim);
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error.code, "forbidden");
      assert.ok(!JSON.stringify(refused.body).includes(verified.body.session_id));
    }
    // A business without a secret verifies nothing.
    const bare = await newBusiness(db());
    const unverifiable = { external_id: "u-1", user_hash: userHashFor("", "u-1") };
    assert.equal((await history(unverifiable, {}, bare.slug)).status, 403);
    const started = await chatApi(stack, "POST", "/api/v1/chat/init", { body: { business: bare.slug, customer: unverifiable, message: "hi" } });
    assert.equal(started.body.verified, false);
    assert.equal((await customerOf(started.body.session_id)).externalId, null);
    assert.equal((await history(me, {}, "no-such-business")).status, 404);

    const malformed = await init({ external_id: "u-1", user_hash: "not-hex", nickname: "x" });
    assert.equal(malformed.status, 400);
    assert.deepEqual(Object.keys(malformed.body.error.fields).sort(), ["customer", "customer.user_hash"]);
  });

  it("after a rotation the old hash no longer verifies (anonymous, no history) and the new one reaches the same customer", async () => {
    const oldSecret = await newSecret();
    const externalId = `shop-user-${randomUUID()}`;
    const before = await init(identityOf(oldSecret, externalId), "Before the rotation");
    assert.equal(before.body.verified, true);
    const customer = await customerOf(before.body.session_id);

    const newSecretValue = await newSecret();
    const stale = await init(identityOf(oldSecret, externalId), "With the old hash");
    assert.equal(stale.body.verified, false);
    assert.notEqual((await customerOf(stale.body.session_id)).id, customer.id);
    assert.equal((await history(identityOf(oldSecret, externalId))).status, 403);

    const fresh = await init(identityOf(newSecretValue, externalId), "With the new hash");
    assert.equal(fresh.body.verified, true);
    assert.equal((await customerOf(fresh.body.session_id)).id, customer.id);
    const read = await history(identityOf(newSecretValue, externalId));
    assert.deepEqual(
      (read.body as ChatHistoryResponse).conversations.map((c) => c.session_id),
      [fresh.body.session_id, before.body.session_id],
    );
  });

  it("the chat API answers the business's own site with CORS and refuses another site (no allow-origin, nothing read); the frame names only allowed sites", async () => {
    const secret = await newSecret();
    const me = identityOf(secret, `shop-user-${randomUUID()}`);
    await startChat(stack, "acme", { customer: me, message: "From the shop" });

    const allowed = await history(me, { origin: SHOP });
    assert.equal(allowed.status, 200);
    assert.equal(allowed.headers.get("access-control-allow-origin"), SHOP);
    const refused = await history(me, { origin: EVIL });
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.get("access-control-allow-origin"), null);
    assert.ok(!JSON.stringify(refused.body).includes("From the shop"));
    const refusedInit = await chatApi(stack, "POST", "/api/v1/chat/init", { body: { business: "acme", message: "hi" }, headers: { origin: EVIL } });
    assert.equal(refusedInit.status, 403);
    assert.equal(refusedInit.headers.get("access-control-allow-origin"), null);

    const frame = await fetch(`${stack.server.url}/chat/acme?embed=1&host_origin=${encodeURIComponent(EVIL)}`);
    const ancestors = /frame-ancestors ([^;]*)/.exec(frame.headers.get("content-security-policy") ?? "")?.[1] ?? "";
    assert.ok(ancestors.split(" ").includes(SHOP), ancestors);
    assert.ok(!ancestors.includes(EVIL), "a page on another site cannot frame the chat, whatever host_origin says");
  });

  it("GET /widget.js: a small cacheable script from this server, gzipped under the budget, revalidated by ETag", async () => {
    const plain = await fetch(`${stack.server.url}/widget.js`, { headers: { "accept-encoding": "identity" } });
    assert.equal(plain.status, 200);
    assert.equal(plain.headers.get("content-type"), "text/javascript; charset=utf-8");
    assert.match(plain.headers.get("cache-control") ?? "", /^public, max-age=\d+/);
    assert.equal(plain.headers.get("x-content-type-options"), "nosniff");
    const source = await plain.text();
    assert.match(source, /data-business/);

    const { request } = await import("node:http");
    const gzipped = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      request(`${stack.server.url}/widget.js`, { headers: { "accept-encoding": "gzip, br" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
        .on("error", reject)
        .end();
    });
    assert.equal(gzipped.headers["content-encoding"], "gzip");
    assert.ok(gzipped.body.length < WIDGET_GZIP_BUDGET_BYTES, `${gzipped.body.length} bytes gzipped`);
    assert.equal(gunzipSync(gzipped.body).toString("utf8"), source);

    const etag = plain.headers.get("etag");
    assert.ok(etag);
    const again = await fetch(`${stack.server.url}/widget.js`, { headers: { "if-none-match": etag } });
    assert.equal(again.status, 304);
    assert.equal((await fetch(`${stack.server.url}/widget.js`, { method: "POST" })).status, 405);
  });
});
