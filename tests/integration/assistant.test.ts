import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { HANDOFF_NOTE } from "../../lib/chat/assistant-turn.server";
import { createBusiness } from "../../lib/seed/factories.server";
import { eventually } from "../support/eventually";
import { startFakeChatCompletions, type FakeReply } from "../support/fake-chat-completions";
import { chatApi, customerSocket, dashboardSocket, startChat, workspaceSocket } from "../support/live-chat";
import { useTestStack, type TestStack } from "../support/test-stack";
import { startWorkerProcess, type WorkerProcess } from "../support/worker-process";

const SHIPPING_QUESTION = "How long does shipping take?";

async function sessionRow(stack: TestStack, sessionId: string) {
  return stack.database.db.chatSession.findUniqueOrThrow({ where: { id: sessionId }, select: { status: true, handoffReason: true, handoffSummary: true, queuedAt: true } });
}

async function assistantMessages(stack: TestStack, sessionId: string) {
  return stack.database.db.chatMessage.findMany({ where: { sessionId, author: "ASSISTANT" }, orderBy: { createdAt: "asc" } });
}

/** A chat on the demo business with the customer's socket connected, then the question sent over it. */
async function ask(stack: TestStack, question: string, slug = "acme") {
  const chat = await startChat(stack, slug, { customer: { name: "Quinn" } });
  const customer = await customerSocket(stack, chat.session_token);
  const ack = await customer.socket.emitWithAck("chat.send", { client_message_id: `q-${Date.now()}`, body: question });
  assert.equal(ack.success, true, JSON.stringify(ack));
  return { chat, customer };
}

describe("assistant (builtin provider, knowledge base)", () => {
  const stack = useTestStack({}, { queue: true });

  it("answers a question its articles cover, over the socket, and keeps the chat (BOT)", async () => {
    const staff = await workspaceSocket(stack, "owner@acme.test", "acme");
    const { chat, customer } = await ask(stack, SHIPPING_QUESTION);
    const answer = await customer.recorder.waitFor((e) => e.event === "chat.message" && e.payload.message.author === "ASSISTANT", "the assistant's answer");

    const article = await stack.database.db.knowledgeArticle.findFirstOrThrow({ where: { businessId: stack.ids.acme, title: "Shipping times and delivery estimates" } });
    assert.match(answer.payload.message.body, /business days/);
    assert.ok(answer.payload.message.body.includes(`[${article.title}](/help/acme/${article.id})`), "quotes and links the article");
    assert.equal((await sessionRow(stack, chat.session_id)).status, "BOT");
    const tasks = await stack.database.db.assistantTask.findMany({ where: { sessionId: chat.session_id } });
    assert.deepEqual(
      tasks.map((t) => [t.status, t.attempts, t.id === answer.payload.message.id]),
      [["SUCCEEDED", 1, true]],
    );
    // Staff watching the business see the assistant's message too.
    await staff.recorder.waitFor((e) => e.event === "session.updated" && e.payload.message?.id === answer.payload.message.id, "staff push of the answer");
    const counted = await stack.server.metrics.registry.getSingleMetric("switchboard_assistant_tasks_total")!.get();
    assert.ok(
      counted.values.some((v) => v.labels.outcome === "answered" && v.value >= 1),
      "answers are counted in /health/metrics",
    );
  });

  it("hands off to the queue with a reason and a summary when the customer asks for a person", async () => {
    const staff = await workspaceSocket(stack, "owner@acme.test", "acme");
    const dashboard = await dashboardSocket(stack, "owner@acme.test", "acme");
    const { chat, customer } = await ask(stack, "I want to talk to a human");

    const status = await customer.recorder.waitFor((e) => e.event === "chat.status" && e.payload.status === "WAITING", "queued status");
    assert.ok(status.payload.queue.position >= 1, "the customer sees their queue position");
    const note = await customer.recorder.waitFor((e) => e.event === "chat.message" && e.payload.message.author === "ASSISTANT", "the handoff note");
    assert.equal(note.payload.message.body, HANDOFF_NOTE);

    const queued = await staff.recorder.waitFor((e) => e.event === "queue.updated" && e.payload.session_id === chat.session_id && e.payload.entry, "queue entry");
    assert.equal(queued.payload.reason, "handoff");
    assert.equal(queued.payload.entry.handoff_reason, "The customer asked for a person");
    assert.equal(queued.payload.entry.preview, "I want to talk to a human");

    const row = await sessionRow(stack, chat.session_id);
    assert.equal(row.status, "WAITING");
    assert.ok(row.queuedAt);
    assert.equal(row.handoffReason, "The customer asked for a person");
    assert.match(row.handoffSummary ?? "", /^Asks: "I want to talk to a human"/);
    // The AI-vs-human rates are live: the handoff recomputes overview and message analytics.
    await dashboard.recorder.waitFor((e) => e.event === "dashboard.data_updated" && e.payload.widget === "overview" && e.payload.data.handoff_rate !== null, "overview push");
    await dashboard.recorder.waitFor((e) => e.event === "dashboard.data_updated" && e.payload.widget === "message_analytics", "message analytics push");
    const audit = await stack.database.db.auditLog.findFirst({ where: { businessId: stack.ids.acme, action: "session.handed_off", target: chat.session_id } });
    assert.ok(audit, "the handoff is audit-logged");
  });

  it("hands off below the relevance threshold, and never answers from another business's articles", async () => {
    // Meter readings and tariffs are Globex articles: for an Acme customer there is nothing to quote.
    for (const question of ["Can I pay with bitcoin?", "How do I submit a meter reading for my tariff?"]) {
      const { chat, customer } = await ask(stack, question);
      await customer.recorder.waitFor((e) => e.event === "chat.status" && e.payload.status === "WAITING", `handoff for "${question}"`);
      assert.equal((await sessionRow(stack, chat.session_id)).handoffReason, "No help article answers this question");
      assert.deepEqual(
        (await assistantMessages(stack, chat.session_id)).map((m) => m.body),
        [HANDOFF_NOTE],
      );
    }
  });

  it("answers the first message of a chat opened with one, and names the task in the task response", async () => {
    const chat = await startChat(stack, "acme", { message: SHIPPING_QUESTION });
    await eventually(async () => (await assistantMessages(stack, chat.session_id)).length === 1, 10_000, "answer to the opening message");
    const sent = await chatApi(stack, "POST", `/api/v1/chat/${chat.session_id}/task`, { token: chat.session_token, body: { message: "When will I get my refund?", client_message_id: "refund-1" } });
    assert.equal(sent.status, 202);
    const again = await chatApi(stack, "POST", `/api/v1/chat/${chat.session_id}/task`, { token: chat.session_token, body: { message: "When will I get my refund?", client_message_id: "refund-1" } });
    assert.deepEqual(again.body, sent.body, "a retried message names the same task");
    const task = await stack.database.db.assistantTask.findUniqueOrThrow({ where: { id: sent.body.task_id } });
    assert.equal(task.messageId, sent.body.message_id);
    await eventually(async () => (await assistantMessages(stack, chat.session_id)).length === 2, 10_000, "answer to the refund question");
    assert.equal(await stack.database.db.assistantTask.count({ where: { sessionId: chat.session_id } }), 2);
  });

  it("closes a chat the assistant held once the customer's page has been gone past the grace period", async () => {
    const chat = await startChat(stack, "acme");
    const customer = await customerSocket(stack, chat.session_token);
    customer.socket.close();
    await eventually(async () => (await stack.database.db.chatSession.findUniqueOrThrow({ where: { id: chat.session_id } })).customerLeftAt !== null, 5_000, "left stamp");
    const { customerLeftAt } = await stack.database.db.chatSession.findUniqueOrThrow({ where: { id: chat.session_id } });
    await stack.server.realtime.reconcile(new Date(customerLeftAt!.getTime() + 60_000));
    assert.equal((await sessionRow(stack, chat.session_id)).status, "BOT");
    await stack.server.realtime.reconcile(new Date(customerLeftAt!.getTime() + 121_000));
    const row = await stack.database.db.chatSession.findUniqueOrThrow({ where: { id: chat.session_id } });
    assert.deepEqual([row.status, row.queuedAt], ["CLOSED", null], "closed by the assistant, never queued");
  });

  it("is skipped where a business turned it off: chats queue directly", async () => {
    const business = await createBusiness(stack.database.db, { settings: { assistantEnabled: false } });
    const chat = await startChat(stack, business.slug, { message: SHIPPING_QUESTION });
    assert.equal(chat.status, "WAITING");
    assert.equal(await stack.database.db.assistantTask.count({ where: { sessionId: chat.session_id } }), 0);
  });
});

describe("assistant (openai-compatible provider, streaming)", async () => {
  let replies: FakeReply[] = [];
  const provider = await startFakeChatCompletions(() => replies.shift() ?? { status: 500, message: "no reply scripted" });
  const stack = useTestStack({}, { queue: true, config: { provider: "openai-compatible", openai: { baseUrl: provider.baseUrl, apiKey: "test-key", model: "test-model" }, timeoutMs: 1_500 } });
  after(() => provider.close());

  it("streams deltas to the customer in order; the stored message is their concatenation", async () => {
    replies = [{ chunks: ["Standard shipping ", "takes 3-5 ", "business days", " in the US."] }];
    const { chat, customer } = await ask(stack, SHIPPING_QUESTION);
    const final = await customer.recorder.waitFor((e) => e.event === "chat.message" && e.payload.message.author === "ASSISTANT", "final message");
    const deltas = customer.recorder.events.filter((e) => e.event === "chat.message_delta");
    // The customer saw the assistant at work before its first piece arrived.
    const typing = customer.recorder.events.findIndex((e) => e.event === "chat.typing" && e.payload.author === "ASSISTANT" && e.payload.typing);
    assert.ok(typing >= 0 && typing < customer.recorder.events.indexOf(deltas[0]), "typing before the first delta");
    assert.deepEqual(
      deltas.map((e) => e.payload.delta),
      ["Standard shipping ", "takes 3-5 ", "business days", " in the US."],
    );
    assert.ok(deltas.every((e) => e.payload.message_id === final.payload.message.id));
    assert.equal(final.payload.message.body, "Standard shipping takes 3-5 business days in the US.");
    const [stored] = await assistantMessages(stack, chat.session_id);
    assert.equal(stored.body, deltas.map((e) => e.payload.delta).join(""));
    assert.equal((await sessionRow(stack, chat.session_id)).status, "BOT");
    // The model got the matching article as context and the conversation as messages.
    const request = provider.requests.at(-1)!;
    assert.equal(request.stream, true);
    assert.match(request.messages[0].content, /Shipping times and delivery estimates/);
    assert.deepEqual(request.messages.at(-1), { role: "user", content: SHIPPING_QUESTION });
  });

  it("hands off when the model says it cannot answer, without showing that to the customer", async () => {
    replies = [{ chunks: ["HAND", "OFF: not in the ", "articles"] }];
    const { chat, customer } = await ask(stack, "Do you sell gift cards?");
    await customer.recorder.waitFor((e) => e.event === "chat.status" && e.payload.status === "WAITING", "handoff");
    assert.equal(customer.recorder.events.filter((e) => e.event === "chat.message_delta").length, 0);
    assert.equal((await sessionRow(stack, chat.session_id)).handoffReason, "not in the articles");
  });

  it("hands off on a provider error and on a provider that never answers", async () => {
    for (const [reply, reason] of [
      [{ status: 500, message: "overloaded" }, "The assistant could not answer (provider error)"],
      [{ hang: true }, "The assistant took too long to answer"],
    ] as const) {
      replies = [reply];
      const { chat, customer } = await ask(stack, SHIPPING_QUESTION);
      await customer.recorder.waitFor((e) => e.event === "chat.status" && e.payload.status === "WAITING", `handoff after ${JSON.stringify(reply)}`);
      assert.equal((await sessionRow(stack, chat.session_id)).handoffReason, reason);
      const task = await stack.database.db.assistantTask.findFirstOrThrow({ where: { sessionId: chat.session_id } });
      assert.equal(task.status, "SUCCEEDED");
    }
  });
});

describe("assistant task whose worker dies mid-answer", async () => {
  const answer = ["Standard shipping ", "takes 3-5 business days."];
  // The first request stalls after its first piece, forever: the worker is killed while streaming it.
  const stalled = new Promise<void>(() => undefined);
  const provider = await startFakeChatCompletions(() => ({ chunks: answer, gate: provider.requests.length === 1 ? stalled : undefined }));
  const openai = { baseUrl: provider.baseUrl, apiKey: "test-key", model: "test-model" };
  const stack = useTestStack(
    {},
    {
      queue: true,
      worker: false,
      // A job taken by a dead worker is retried after 2 s (instead of a minute).
      config: { provider: "openai-compatible", openai, timeoutMs: 20_000, queue: { concurrency: 1, expireSeconds: 2, maintenanceSeconds: 1, pollSeconds: 0.5 } },
    },
  );
  let workerProcess: WorkerProcess | undefined;
  // `npm run worker`'s code, as a separate process on the test database.
  const startWorker = () =>
    startWorkerProcess(stack.database.url, {
      NEXTAUTH_SECRET: "a-test-secret-that-is-long-enough-for-next-auth",
      ASSISTANT_PROVIDER: "openai-compatible",
      ASSISTANT_BASE_URL: openai.baseUrl,
      ASSISTANT_API_KEY: openai.apiKey,
      ASSISTANT_MODEL: openai.model,
      ASSISTANT_WORKER_CONCURRENCY: "1",
    });
  after(async () => {
    await workerProcess?.kill();
    await provider.close();
  });

  it("is retried after the worker process was killed, and the customer gets exactly one answer", async () => {
    workerProcess = await startWorker();
    const { chat, customer } = await ask(stack, SHIPPING_QUESTION);

    await eventually(() => provider.requests.length === 1, 30_000, "the worker process streaming its answer");
    const task = await stack.database.db.assistantTask.findFirstOrThrow({ where: { sessionId: chat.session_id } });
    assert.equal(task.status, "RUNNING");
    await workerProcess.kill();

    // A worker comes back (here: the server's own); the queue hands it the dead worker's task.
    await stack.server.assistant!.startWorker();
    const delivered = await customer.recorder.waitFor((e) => e.event === "chat.message" && e.payload.message.author === "ASSISTANT", "the answer after the retry", 30_000);
    assert.equal(delivered.payload.message.body, answer.join(""));
    assert.equal(provider.requests.length, 2, "asked once by the dead worker, once by the retry");
    assert.deepEqual(
      (await assistantMessages(stack, chat.session_id)).map((m) => m.body),
      [answer.join("")],
    );
    const settled = await stack.database.db.assistantTask.findUniqueOrThrow({ where: { id: task.id } });
    assert.deepEqual([settled.status, settled.attempts], ["SUCCEEDED", 2]);
    await stack.server.realtime.liveChat.idle();
    assert.equal(customer.recorder.events.filter((e) => e.event === "chat.message" && e.payload.message.author === "ASSISTANT").length, 1);
  });
});

describe("npm run worker", () => {
  const stack = useTestStack({}, { queue: true, worker: false });

  it("stops cleanly on SIGTERM", async () => {
    const worker = await startWorkerProcess(stack.database.url, { NEXTAUTH_SECRET: "a-test-secret-that-is-long-enough-for-next-auth", LOG_LEVEL: "info" });
    await eventually(() => worker.output().includes("assistant worker running"), 30_000, "the worker to start");
    assert.equal(await worker.stop(), 0);
  });
});
