import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { NextRequest } from "next/server";
import { GET } from "../../app/api/v1/admin/chat-dashboard/[widget]/route";
import { setPrisma } from "../../lib/db/prisma-client.server";
import { sessionCookie, sessionTokenFor, TEST_AUTH_SECRET } from "../support/auth-tokens";
import { useTestStack } from "../support/test-stack";

const ROUTES = ["overview", "sessions", "queue", "metrics", "satisfaction", "analytics"];
const MISSING = "00000000-0000-4000-8000-000000000000";

describe("tenancy isolation of the dashboard (socket events and HTTP fallback)", () => {
  const stack = useTestStack();
  const { ids } = stack;
  const staffSocket = (email: string) => stack.staffSocket(email);

  before(() => {
    // The route handlers run in-process here, as they do inside server.ts.
    setPrisma(stack.database.db);
    process.env.NEXTAUTH_SECRET = TEST_AUTH_SECRET;
  });

  async function httpGet(route: string, email: string | null, companyId?: string) {
    const url = new URL(`http://localhost/api/v1/admin/chat-dashboard/${route}`);
    if (companyId) url.searchParams.set("company_id", companyId);
    const headers: Record<string, string> = email ? { cookie: sessionCookie(await sessionTokenFor(stack.database.db, email)) } : {};
    const response = await GET(new NextRequest(url, { headers }), { params: Promise.resolve({ widget: route }) });
    return { status: response.status, body: await response.json() };
  }

  it("orchestrate_init and company_change answer a foreign business exactly like a missing one", async () => {
    const { socket, recorder } = await staffSocket("owner@acme.test");
    for (const event of ["dashboard.orchestrate_init", "dashboard.company_change"]) {
      const foreign = await socket.emitWithAck(event, { company_id: ids.globex });
      const missing = await socket.emitWithAck(event, { company_id: MISSING });
      assert.deepEqual(foreign, { success: false, error: { code: "not_found", message: "Business not found." } }, event);
      assert.deepEqual(foreign, missing, `${event}: foreign and missing are indistinguishable`);
    }
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(recorder.events, [], "no events at all, so no globex data");
    const rooms = [...(stack.server.realtime.sockets.dashboard.sockets.get(socket.id!)?.rooms ?? [])];
    assert.ok(!rooms.includes(`business:${ids.globex}`), "never joined the foreign room");
    socket.close();
  });

  it("a user of both businesses can switch between them", async () => {
    const { socket, recorder } = await staffSocket("manager@both.test");
    for (const slug of ["acme", "globex", "acme"]) {
      const ack = await socket.emitWithAck("dashboard.company_change", { company_id: ids[slug] });
      assert.equal(ack.success, true);
      const full = await recorder.waitFor((e) => e.event === "dashboard.full_data" && e.payload.orchestration_id === ack.orchestration_id, "full_data");
      assert.equal(full.payload.company_id, ids[slug]);
    }
    const list = recorder.events.find((e) => e.event === "company.list")!.payload.companies;
    assert.deepEqual(list.map((c: { id: string }) => c.id).sort(), [ids.acme, ids.globex].sort());
    socket.close();
  });

  it("refresh and request_update stop answering once the membership is revoked", async () => {
    const { socket, recorder } = await staffSocket("agent@acme.test");
    const ack = await socket.emitWithAck("dashboard.orchestrate_init", {});
    await recorder.waitFor((e) => e.event === "dashboard.phase_complete" && e.payload.phase === "llm" && e.payload.orchestration_id === ack.orchestration_id, "done");
    const agent = await stack.database.db.user.findUniqueOrThrow({ where: { email: "agent@acme.test" } });
    const membership = await stack.database.db.membership.delete({ where: { userId_businessId: { userId: agent.id, businessId: ids.acme } } });
    try {
      for (const [event, payload] of [
        ["dashboard.refresh", {}],
        ["dashboard.request_update", { widget: "overview" }],
      ] as const) {
        const answer = await socket.emitWithAck(event, payload);
        assert.deepEqual(answer, { success: false, error: { code: "not_found", message: "Business not found." } }, event);
      }
    } finally {
      await stack.database.db.membership.create({ data: membership });
      socket.close();
    }
  });

  it("malformed payloads get validation_error and the server keeps serving", async () => {
    const { socket } = await staffSocket("owner@acme.test");
    const cases: [string, unknown][] = [
      ["dashboard.orchestrate_init", { company_id: 42 }],
      ["dashboard.orchestrate_init", { company_id: "x".repeat(50_000) }],
      ["dashboard.orchestrate_init", "not an object"],
      ["dashboard.company_change", {}],
      ["dashboard.company_change", { company_id: ids.acme, extra: true }],
      ["dashboard.refresh", { widgets: ["overview", "bogus"] }],
      ["dashboard.refresh", { widgets: "overview" }],
      ["dashboard.request_update", { widget: "bogus" }],
      ["dashboard.request_update", { widget: ["overview"] }],
    ];
    for (const [event, payload] of cases) {
      const answer = await socket.emitWithAck(event, payload);
      assert.equal(answer.success, false, `${event} ${JSON.stringify(payload).slice(0, 60)}`);
      assert.equal(answer.error.code, "validation_error");
      assert.equal(typeof answer.error.message, "string");
    }
    const ok = await socket.emitWithAck("dashboard.orchestrate_init", {});
    assert.equal(ok.success, true, "still serving");
    socket.close();
  });

  it("HTTP fallback: every endpoint answers a foreign business exactly like a missing one", async () => {
    for (const route of ROUTES) {
      const foreign = await httpGet(route, "owner@acme.test", ids.globex);
      const missing = await httpGet(route, "owner@acme.test", MISSING);
      const malformed = await httpGet(route, "owner@acme.test", "globex");
      assert.equal(foreign.status, 404, route);
      assert.deepEqual(foreign.body, { error: { code: "not_found", message: "Business not found." } });
      assert.deepEqual(foreign, missing);
      assert.deepEqual(foreign, malformed);
    }
  });

  it("HTTP fallback: members get their data in the socket's update shape; no session gets 401", async () => {
    for (const route of ROUTES) {
      for (const slug of ["acme", "globex"]) {
        const { status, body } = await httpGet(route, "manager@both.test", ids[slug]);
        assert.equal(status, 200, `${route} ${slug}`);
        assert.deepEqual(Object.keys(body).sort(), ["company_id", "data", "updated_at", "version", "widget"]);
        assert.equal(body.company_id, ids[slug]);
      }
      const anonymous = await httpGet(route, null, ids.acme);
      assert.equal(anonymous.status, 401);
      assert.equal(anonymous.body.error.code, "unauthorized");
    }
    const queue = await httpGet("queue", "owner@globex.test");
    assert.equal(queue.body.company_id, ids.globex, "without company_id: the user's business");
    const globexSessions = new Set((await stack.database.db.chatSession.findMany({ where: { businessId: ids.globex } })).map((s) => s.id));
    for (const s of queue.body.data.sessions) assert.ok(globexSessions.has(s.id));
    const unknown = await httpGet("bogus", "owner@acme.test", ids.acme);
    assert.equal(unknown.status, 404);
  });
});
