import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { NextRequest } from "next/server";
import { GET as getOrigins, PUT as putOrigins } from "../../app/api/v1/admin/allowed-origins/route";
import { setPrisma } from "../../lib/db/prisma-client.server";
import { CHAT_NAMESPACE } from "../../lib/contract/customer-chat";
import { sessionCookie, sessionTokenFor, TEST_AUTH_SECRET } from "../support/auth-tokens";
import { startChat, withoutDemoAssistants } from "../support/live-chat";
import { connected } from "../support/test-server";
import { useTestStack } from "../support/test-stack";

const SHOP = "https://shop.acme.example";
const EVIL = "https://evil.example";

describe("the customer chat from the businesses' own sites (allowed origins)", () => {
  const stack = useTestStack();
  withoutDemoAssistants(stack);
  before(() => {
    setPrisma(stack.database.db);
    process.env.NEXTAUTH_SECRET = TEST_AUTH_SECRET;
  });

  const originsRoute = async (method: "GET" | "PUT", email: string, companyId: string, body?: unknown) => {
    const request = new NextRequest(`http://localhost/api/v1/admin/allowed-origins?company_id=${companyId}`, {
      method,
      headers: { cookie: sessionCookie(await sessionTokenFor(stack.database.db, email)), "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const response = await (method === "GET" ? getOrigins : putOrigins)(request, { params: Promise.resolve({}) });
    return { status: response.status, body: await response.json() };
  };
  const chatInit = (origin?: string) =>
    fetch(`${stack.server.url}/api/v1/chat/init`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(origin ? { origin } : {}) },
      body: JSON.stringify({ business: "acme", message: "hi" }),
    });
  const sessionCount = () => stack.database.db.chatSession.count({ where: { businessId: stack.ids.acme } });

  it("a page on a site the business has not allowed cannot start a chat, and nothing is stored", async () => {
    const before = await sessionCount();
    const response = await chatInit(EVIL);
    assert.equal(response.status, 403);
    assert.equal(response.headers.get("access-control-allow-origin"), null);
    assert.equal(await sessionCount(), before);
  });

  it("owners and admins set the allowed origins (canonical, audit-logged); agents get 403, other businesses 404", async () => {
    assert.equal((await originsRoute("PUT", "agent@acme.test", stack.ids.acme, { allowed_origins: [SHOP] })).status, 403);
    assert.equal((await originsRoute("PUT", "owner@globex.test", stack.ids.acme, { allowed_origins: [SHOP] })).status, 404);
    const invalid = await originsRoute("PUT", "owner@acme.test", stack.ids.acme, { allowed_origins: ["https://shop.acme.example/path"] });
    assert.equal(invalid.status, 400);
    assert.deepEqual(Object.keys(invalid.body.error.fields), ["allowed_origins.0"]);
    const saved = await originsRoute("PUT", "owner@acme.test", stack.ids.acme, { allowed_origins: ["https://SHOP.acme.example:443", SHOP] });
    assert.deepEqual(saved, { status: 200, body: { allowed_origins: [SHOP] } });
    assert.deepEqual((await originsRoute("GET", "owner@acme.test", stack.ids.acme)).body, { allowed_origins: [SHOP] });
    const audit = await stack.database.db.auditLog.findFirst({ where: { businessId: stack.ids.acme, action: "business.allowed_origins_updated" } });
    assert.deepEqual(audit?.meta, { allowed_origins: [SHOP] });
    // Globex allowed nothing: Acme's list is Acme's alone.
    assert.deepEqual((await originsRoute("GET", "owner@globex.test", stack.ids.globex)).body, { allowed_origins: [] });
  });

  it("an allowed site chats over the API (CORS names it) and the socket; other sites stay refused", async () => {
    const preflight = await fetch(`${stack.server.url}/api/v1/chat/init`, { method: "OPTIONS", headers: { origin: SHOP, "access-control-request-method": "POST" } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get("access-control-allow-origin"), SHOP);

    const started = await chatInit(SHOP);
    assert.equal(started.status, 201);
    assert.equal(started.headers.get("access-control-allow-origin"), SHOP);
    const { session_id, session_token } = await started.json();

    const send = (origin: string, text: string) =>
      fetch(`${stack.server.url}/api/v1/chat/${session_id}/task`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${session_token}`, origin },
        body: JSON.stringify({ message: text, client_message_id: text.replaceAll(" ", "-") }),
      });
    assert.equal((await send(SHOP, "from the shop")).status, 202);
    assert.equal((await send(EVIL, "from elsewhere")).status, 403);
    const bodies = (await stack.database.db.chatMessage.findMany({ where: { sessionId: session_id }, select: { body: true } })).map((m) => m.body);
    assert.ok(bodies.includes("from the shop") && !bodies.includes("from elsewhere"));
    const read = await fetch(`${stack.server.url}/api/v1/chat/${session_id}`, { headers: { authorization: `Bearer ${session_token}`, origin: EVIL } });
    assert.equal(read.status, 403);

    const shopSocket = stack.server.connect(CHAT_NAMESPACE, { auth: { session_token }, extraHeaders: { origin: SHOP } });
    await connected(shopSocket);
    const evilSocket = stack.server.connect(CHAT_NAMESPACE, { auth: { session_token }, extraHeaders: { origin: EVIL } });
    await assert.rejects(connected(evilSocket), { message: "origin_not_allowed" });
  });

  it("clients that are not browsers (no Origin) and the app's own pages are unaffected", async () => {
    assert.equal((await chatInit()).status, 201);
    assert.equal((await chatInit(stack.server.url)).status, 201);
    await startChat(stack, "globex");
  });
});
