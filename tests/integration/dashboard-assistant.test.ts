import assert from "node:assert/strict";
import { systemScope } from "../../lib/tenancy/memberships.server";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Socket } from "socket.io-client";
import { loadWidget } from "../../lib/dashboard/load-widget.server";
import { WIDGETS } from "../../lib/contract/widgets";
import { DASHBOARD_NAMESPACE } from "../../lib/contract/dashboard";
import { sessionTokenFor } from "../support/auth-tokens";
import { recordEvents } from "../support/event-recorder";
import { startFakeChatCompletions, type FakeChatCompletions, type FakeReply } from "../support/fake-chat-completions";
import { dashboardSocket } from "../support/live-chat";
import { useTestStack } from "../support/test-stack";
import { connected, startTestServer, type TestServer } from "../support/test-server";

type Recorder = ReturnType<typeof recordEvents>;

/** The assistant session of the socket's last orchestration (llm.session_ready). */
const sessionOf = (recorder: Recorder): string => recorder.events.filter((e) => e.event === "llm.session_ready").at(-1)!.payload.session_id;
const ask = (socket: Socket, sessionId: string, question: string) => socket.emitWithAck("llm.ask", { session_id: sessionId, question });
/** The first number written in a text ("1,052" → 1052). */
const firstNumber = (text: string) => Number(text.match(/\d[\d,]*/)?.[0].replaceAll(",", ""));

describe("dashboard assistant", () => {
  const stack = useTestStack();
  const { ids } = stack;

  describe("builtin", () => {
    it("answers how many chats are waiting with the waiting queue widget's total of the same business", async () => {
      for (const [email, slug] of [
        ["owner@acme.test", "acme"],
        ["owner@globex.test", "globex"],
      ]) {
        const { socket, recorder } = await dashboardSocket(stack, email, slug);
        const ack = await ask(socket, sessionOf(recorder), "How many chats are waiting?");
        assert.equal(ack.success, true, JSON.stringify(ack));
        assert.equal(ack.answer.intent, "waiting");
        assert.equal(new Date(ack.answer.as_of).toISOString(), ack.answer.as_of);
        const queue = await loadWidget(stack.database.db, systemScope(ids[slug], "tooling"), "waiting_queue", new Date(ack.answer.as_of));
        assert.equal(firstNumber(ack.answer.text), queue.total, `${slug}: ${ack.answer.text}`);
        socket.close();
      }
    });

    it("says it cannot answer an unknown question and lists what it can", async () => {
      const { socket, recorder } = await dashboardSocket(stack, "owner@acme.test", "acme");
      const ack = await ask(socket, sessionOf(recorder), "What is our revenue this quarter?");
      assert.equal(ack.success, true, JSON.stringify(ack));
      assert.equal(ack.answer.intent, "unknown");
      assert.match(ack.answer.text, /can't answer/);
      for (const topic of ["waiting", "online", "CSAT", "resolution rate", "busiest hour", "first response"]) assert.ok(ack.answer.text.includes(topic), topic);
      socket.close();
    });

    it("answers not_found alike for another user's, another business's, an expired and a missing session", async () => {
      const owner = await dashboardSocket(stack, "owner@acme.test", "acme");
      const ownerSession = sessionOf(owner.recorder);
      const colleague = await dashboardSocket(stack, "agent@acme.test", "acme");
      const manager = await dashboardSocket(stack, "manager@both.test", "acme");
      const managerAcmeSession = sessionOf(manager.recorder);
      // The manager switches to globex: the acme session no longer belongs to what the socket watches.
      const change = await manager.socket.emitWithAck("dashboard.company_change", { company_id: ids.globex });
      await manager.recorder.waitFor((e) => e.event === "llm.session_ready" && e.payload.orchestration_id === change.orchestration_id, "the globex session");
      const managerGlobexSession = sessionOf(manager.recorder);
      const expired = await stack.database.db.assistantConversation.update({ where: { id: managerGlobexSession }, data: { expiresAt: new Date(Date.now() - 1_000) } });

      const refusals = [
        await ask(colleague.socket, ownerSession, "How many chats are waiting?"),
        await ask(manager.socket, managerAcmeSession, "How many chats are waiting?"),
        await ask(manager.socket, expired.id, "How many chats are waiting?"),
        await ask(owner.socket, randomUUID(), "How many chats are waiting?"),
      ];
      for (const ack of refusals) assert.deepEqual(ack, refusals[0]);
      assert.equal(refusals[0].success, false);
      assert.equal(refusals[0].error.code, "not_found");
      // The owner's own session still answers.
      assert.equal((await ask(owner.socket, ownerSession, "How many chats are waiting?")).success, true);
      for (const s of [owner, colleague, manager]) s.socket.close();
    });

    it("rejects malformed payloads with validation_error and keeps the socket working", async () => {
      const { socket, recorder } = await dashboardSocket(stack, "owner@acme.test", "acme");
      const session = sessionOf(recorder);
      const malformed = [
        { session_id: "not-a-uuid", question: "How many chats are waiting?" },
        { session_id: session, question: "   " },
        { session_id: session, question: "x".repeat(501) },
        { session_id: session, question: "How many chats are waiting?", extra: true },
        { session_id: session },
        "just a string",
      ];
      for (const payload of malformed) {
        const ack = await socket.emitWithAck("llm.ask", payload);
        assert.equal(ack.success, false, JSON.stringify(payload));
        assert.equal(ack.error.code, "validation_error", JSON.stringify(payload));
      }
      assert.ok(socket.connected);
      const ack = await ask(socket, session, "  How many agents are online?  ");
      assert.equal(ack.success, true, JSON.stringify(ack));
      assert.equal(ack.answer.intent, "agents_online");
      socket.close();
    });

    it("answers assistant_unavailable when a widget it needs cannot be read, and other questions still work", async () => {
      // A real fault: an invalid time zone makes the "today" queries fail in Postgres (the queue does not use it).
      const business = await stack.database.db.business.create({ data: { slug: "assistant-broken-tz", name: "Broken TZ", legalName: "Broken TZ Ltd", timezone: "Not/AZone" } });
      const owner = await stack.database.db.user.findUniqueOrThrow({ where: { email: "owner@acme.test" } });
      await stack.database.db.membership.create({ data: { userId: owner.id, businessId: business.id, role: "OWNER" } });
      stack.ids[business.slug] = business.id;
      const { socket, recorder } = await dashboardSocket(stack, "owner@acme.test", business.slug);
      const session = sessionOf(recorder);
      const failed = await ask(socket, session, "How many agents are online?");
      assert.equal(failed.success, false);
      assert.equal(failed.error.code, "assistant_unavailable");
      const waiting = await ask(socket, session, "How many chats are waiting?");
      assert.equal(waiting.success, true, JSON.stringify(waiting));
      assert.equal(waiting.answer.text, "0 chats are waiting in the queue.");
      socket.close();
    });

    it("rate-limits questions per connection", async () => {
      const { socket, recorder } = await dashboardSocket(stack, "owner@acme.test", "acme");
      const session = sessionOf(recorder);
      // Sent at once: the limiter sees them in order, so the first 20 pass and later ones are refused.
      const acks = await Promise.all(Array.from({ length: 30 }, () => ask(socket, session, "help")));
      assert.ok(acks.slice(0, 20).every((a) => a.success));
      const refused = acks.filter((a) => !a.success);
      assert.ok(refused.length > 0);
      for (const a of refused) assert.equal(a.error.code, "rate_limited");
      // Another connection has its own allowance.
      const other = await dashboardSocket(stack, "owner@acme.test", "acme");
      assert.equal((await ask(other.socket, sessionOf(other.recorder), "help")).success, true);
      socket.close();
      other.socket.close();
    });
  });

  describe("openai-compatible", () => {
    let fake: FakeChatCompletions;
    let modelServer: TestServer;
    let reply: FakeReply = { chunks: [] };

    before(async () => {
      fake = await startFakeChatCompletions(() => reply);
      // A second server on the same database, with the model configured (and no chat job queue: only llm.ask is tested here).
      modelServer = await startTestServer(
        stack.database.db,
        {},
        {
          config: { provider: "openai-compatible", openai: { baseUrl: fake.baseUrl, apiKey: "test-key", model: "dashboard-test-model" }, timeoutMs: 2_000 },
        },
      );
    });
    after(async () => {
      await modelServer.close();
      await fake.close();
    });

    async function modelDashboard(email: string, slug: string) {
      const socket = modelServer.connect(DASHBOARD_NAMESPACE, { auth: { token: await sessionTokenFor(stack.database.db, email) } });
      const recorder = recordEvents(socket);
      await connected(socket);
      const ack = await socket.emitWithAck("dashboard.orchestrate_init", { company_id: ids[slug] });
      await recorder.waitFor((e) => e.event === "dashboard.phase_complete" && e.payload.phase === "llm" && e.payload.orchestration_id === ack.orchestration_id, "orchestration");
      return { socket, recorder };
    }

    it("answers with the model's text, given a snapshot of all six widgets as of one instant", async () => {
      const { socket, recorder } = await modelDashboard("owner@acme.test", "acme");
      reply = { chunks: ["Right now ", "3 chats are waiting."] };
      const requestsBefore = fake.requests.length;
      const ack = await ask(socket, sessionOf(recorder), "How many chats are waiting?");
      assert.equal(ack.success, true, JSON.stringify(ack));
      assert.deepEqual(ack.answer, { text: "Right now 3 chats are waiting.", intent: null, as_of: ack.answer.as_of });

      assert.equal(fake.requests.length, requestsBefore + 1, "one attempt");
      const request = fake.requests.at(-1)!;
      assert.equal(request.model, "dashboard-test-model");
      const system = request.messages.find((m) => m.role === "system")!.content;
      assert.match(system, /only from the dashboard snapshot/);
      const snapshot = JSON.parse(system.slice(system.indexOf("Dashboard snapshot:\n") + "Dashboard snapshot:\n".length));
      assert.equal(snapshot.as_of, ack.answer.as_of);
      assert.deepEqual(Object.keys(snapshot.widgets).sort(), [...WIDGETS].sort());
      assert.deepEqual(snapshot.unavailable_widgets, []);
      const queue = await loadWidget(stack.database.db, systemScope(ids.acme, "tooling"), "waiting_queue", new Date(ack.answer.as_of));
      assert.deepEqual(snapshot.widgets.waiting_queue, queue);
      assert.deepEqual(request.messages.at(-1), { role: "user", content: "How many chats are waiting?" });
      socket.close();
    });

    it("answers assistant_unavailable on a provider error or timeout, and the dashboard keeps working", async () => {
      const { socket, recorder } = await modelDashboard("owner@acme.test", "acme");
      const session = sessionOf(recorder);
      for (const failure of [{ status: 500 }, { hang: true }] as FakeReply[]) {
        reply = failure;
        const ack = await ask(socket, session, "How busy are we?");
        assert.equal(ack.success, false, JSON.stringify(failure));
        assert.equal(ack.error.code, "assistant_unavailable");
        assert.match(ack.error.message, /did not answer/);
      }
      assert.ok(socket.connected);
      assert.equal(recorder.events.filter((e) => e.event === "dashboard.error").length, 0);

      recorder.clear();
      const refresh = await socket.emitWithAck("dashboard.refresh", {});
      assert.deepEqual(refresh, { success: true, company_id: ids.acme });
      await recorder.waitFor(() => WIDGETS.every((w) => recorder.events.some((e) => e.event === "dashboard.data_updated" && e.payload.widget === w)), "all six widgets refreshed");

      reply = { chunks: ["Back again."] };
      const recovered = await ask(socket, session, "How busy are we?");
      assert.equal(recovered.success, true, JSON.stringify(recovered));
      assert.equal(recovered.answer.text, "Back again.");
      socket.close();
    });
  });
});
