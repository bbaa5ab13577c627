import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DASHBOARD_NAMESPACE } from "../../lib/contract/dashboard";
import { sessionCookie, sessionTokenFor } from "../support/auth-tokens";
import { connected } from "../support/test-server";
import { useTestStack } from "../support/test-stack";

describe("cross-site requests with the staff cookie", () => {
  const stack = useTestStack();
  const host = () => new URL(stack.server.url).host;

  const post = async (path: string, headers: Record<string, string>, body: string) =>
    fetch(`${stack.server.url}${path}`, { method: "POST", headers: { cookie: sessionCookie(await sessionTokenFor(stack.database.db, "owner@acme.test")), ...headers }, body });

  it("refuses a text/plain article POST from another site before any handler runs", async () => {
    const response = await post("/api/v1/admin/knowledge/articles", { origin: "https://evil.example", "content-type": "text/plain" }, JSON.stringify({ title: "x", body: "y" }));
    assert.equal(response.status, 403);
    assert.equal((await response.json()).error.code, "forbidden");
  });

  it("refuses a page on another port of the same host (a same-site, cross-origin no-cors form)", async () => {
    const otherPort = `http://127.0.0.1:${Number(new URL(stack.server.url).port) + 1}`;
    assert.equal((await post("/api/v1/admin/knowledge/articles", { origin: otherPort, "content-type": "application/json" }, "{}")).status, 403);
    assert.equal((await post("/api/v1/admin/knowledge/articles", { "sec-fetch-site": "same-site", "content-type": "application/json" }, "{}")).status, 403);
    // Without an Origin, a form body is still not JSON: 415.
    assert.equal((await post("/api/v1/admin/knowledge/articles", { "content-type": "text/plain" }, "{}")).status, 415);
  });

  it("lets the app's own pages through to the route (the test server's stand-in for Next answers 404)", async () => {
    const response = await post("/api/v1/admin/knowledge/articles", { origin: `http://${host()}`, "content-type": "application/json" }, "{}");
    assert.equal(response.status, 404);
  });

  it("the /dashboard namespace refuses a handshake from another origin and accepts its own", async () => {
    const token = await sessionTokenFor(stack.database.db, "owner@acme.test");
    const foreign = stack.server.connect(DASHBOARD_NAMESPACE, { extraHeaders: { cookie: sessionCookie(token), origin: "https://evil.example" } });
    await assert.rejects(connected(foreign), { message: "origin_not_allowed" });
    const sameSiteOtherPort = stack.server.connect(DASHBOARD_NAMESPACE, { extraHeaders: { cookie: sessionCookie(token), origin: "http://127.0.0.1:1" } });
    await assert.rejects(connected(sameSiteOtherPort), { message: "origin_not_allowed" });
    const own = stack.server.connect(DASHBOARD_NAMESPACE, { extraHeaders: { cookie: sessionCookie(token), origin: `http://${host()}` } });
    await connected(own);
    assert.equal((await own.emitWithAck("session.whoami", {})).user.email, "owner@acme.test");
  });
});
