/**
 * Issue 17, item 4: webhooks. Events written by the database triggers from the real chat flows
 * (HTTP chat API, staff sockets) are delivered by the webhook worker to local receivers, signed,
 * retried on a scaled-down schedule, in order per conversation, exactly once as far as the
 * receiver accepts; a receiver that never answers times out without holding up the rest; a
 * restarted worker loses nothing; an endpoint failing for the window is disabled; the admin API
 * is for owners and admins of the business only.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as deliveriesRoute from "../../app/api/v1/admin/webhooks/[id]/deliveries/route";
import * as redeliverRoute from "../../app/api/v1/admin/webhooks/[id]/deliveries/[deliveryId]/redeliver/route";
import * as rotateRoute from "../../app/api/v1/admin/webhooks/[id]/rotate-secret/route";
import * as endpointRoute from "../../app/api/v1/admin/webhooks/[id]/route";
import * as testRoute from "../../app/api/v1/admin/webhooks/[id]/test/route";
import * as endpointsRoute from "../../app/api/v1/admin/webhooks/route";
import type { WebhookDeliveryPage, WebhookDeliveryWire, WebhookEndpointWire, WebhookEndpointWithSecret } from "../../lib/contract/webhooks";
import type { WebhookConfig } from "../../lib/config/env.server";
import { createLogger } from "../../lib/observability/logger";
import { createMetrics } from "../../lib/observability/metrics.server";
import { deleteOldWebhookEvents, WEBHOOK_LOG_RETENTION_DAYS } from "../../lib/webhooks/delivery-queue.server";
import { verifyWebhookSignature } from "../../lib/webhooks/signature";
import { registerWebhookSettings } from "../../lib/webhooks/webhook-settings.server";
import { startWebhookWorker, type WebhookWorker } from "../../lib/webhooks/webhook-worker.server";
import { sessionTokenFor } from "../support/auth-tokens";
import { eventually } from "../support/eventually";
import { chatApi, confirmedAction, customerSocket, newAgent, newBusiness, startChat, workspaceSocket } from "../support/live-chat";
import { callRoute, useStaffRoutes, type RouteHandler } from "../support/staff-routes";
import { useTestStack } from "../support/test-stack";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";

const handler = (route: unknown) => route as RouteHandler;
const MISSING = "00000000-0000-4000-8000-000000000000";

/** Retries 1000× sooner (60 ms, 300 ms, 900 ms…), attempts cut off after 800 ms. */
const TEST_WEBHOOKS: WebhookConfig = { allowPrivateUrls: true, timeoutMs: 800, retryScale: 0.001, concurrency: 4 };

type Envelope = { id: string; type: string; created_at: string; business_id: string; data: Record<string, { id: string } & Record<string, unknown>> };
const envelope = (body: string) => JSON.parse(body) as Envelope;

describe("webhooks: signed, retried, ordered deliveries of the chat's events", () => {
  const logger = createLogger("error");
  const receivers: WebhookReceiver[] = [];
  let worker: WebhookWorker | undefined;
  // Registered before the stack's own: after-hooks run in order, and the worker must stop before its database goes.
  after(async () => {
    await worker?.stop();
    await Promise.all(receivers.map((receiver) => receiver.close()));
  });
  // With the assistant's job queue: a chat the assistant hands to people is one of the flows.
  const stack = useTestStack({}, { queue: true });
  useStaffRoutes(stack);
  const db = () => stack.database.db;

  const metrics = createMetrics();
  const startWorker = async () => (worker = await startWebhookWorker({ db: db(), databaseUrl: stack.database.url, config: TEST_WEBHOOKS, logger, metrics }));
  before(async () => {
    registerWebhookSettings(TEST_WEBHOOKS);
    await startWorker();
  });

  const receiver = async (...args: Parameters<typeof startWebhookReceiver>) => {
    const started = await startWebhookReceiver(...args);
    receivers.push(started);
    return started;
  };

  /** A business of its own (manual routing, no assistant) with its owner's token. */
  async function business() {
    const created = await newBusiness(db());
    stack.ids[created.slug] = created.id;
    return { ...created, ownerToken: await sessionTokenFor(db(), created.ownerEmail) };
  }
  type Business = Awaited<ReturnType<typeof business>>;

  const path = (companyId: string, rest = "") => `/api/v1/admin/webhooks${rest}?company_id=${companyId}`;
  const api = {
    create: (token: string, companyId: string, body: unknown) => callRoute(handler(endpointsRoute.POST), { method: "POST", path: path(companyId), token, body }),
    list: (token: string, companyId: string) => callRoute(handler(endpointsRoute.GET), { method: "GET", path: path(companyId), token }),
    get: (token: string, companyId: string, id: string) => callRoute(handler(endpointRoute.GET), { method: "GET", path: path(companyId, `/${id}`), params: { id }, token }),
    patch: (token: string, companyId: string, id: string, body: unknown) => callRoute(handler(endpointRoute.PATCH), { method: "PATCH", path: path(companyId, `/${id}`), params: { id }, token, body }),
    remove: (token: string, companyId: string, id: string) => callRoute(handler(endpointRoute.DELETE), { method: "DELETE", path: path(companyId, `/${id}`), params: { id }, token }),
    rotate: (token: string, companyId: string, id: string) => callRoute(handler(rotateRoute.POST), { method: "POST", path: path(companyId, `/${id}/rotate-secret`), params: { id }, token }),
    ping: (token: string, companyId: string, id: string) => callRoute(handler(testRoute.POST), { method: "POST", path: path(companyId, `/${id}/test`), params: { id }, token }),
    deliveries: (token: string, companyId: string, id: string, query = "") =>
      callRoute(handler(deliveriesRoute.GET), { method: "GET", path: `${path(companyId, `/${id}/deliveries`)}${query}`, params: { id }, token }),
    redeliver: (token: string, companyId: string, id: string, deliveryId: string) =>
      callRoute(handler(redeliverRoute.POST), { method: "POST", path: path(companyId, `/${id}/deliveries/${deliveryId}/redeliver`), params: { id, deliveryId }, token }),
  };

  async function endpoint(
    owner: Business,
    url: string,
    events: string[] = ["conversation.created", "conversation.queued", "conversation.assigned", "message.created", "conversation.closed", "conversation.rated"],
  ) {
    const answer = await api.create(owner.ownerToken, owner.id, { url, events });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return (answer.body as { endpoint: WebhookEndpointWithSecret }).endpoint;
  }

  /** A whole chat from the real flows: started with a message, claimed, answered, closed by the agent, rated by the customer. */
  async function fullChat(owner: Business) {
    const agent = await newAgent(stack, owner.slug);
    const staff = await workspaceSocket(stack, agent.email, owner.slug);
    const chat = await startChat(stack, owner.slug, { customer: { name: "Ada Lovelace", email: "ada@example.test" }, message: "Hello, my order is late" });
    const claimed = await confirmedAction(staff, "queue.claim", { session_id: chat.session_id, request_id: `claim-${chat.session_id}` });
    assert.equal(claimed.confirmed?.success, true);
    const reply = await confirmedAction(staff, "session.send", { session_id: chat.session_id, body: "Let me check that for you", client_message_id: `reply-${chat.session_id}` });
    assert.equal(reply.confirmed?.success, true);
    const closed = await confirmedAction(staff, "session.close", { session_id: chat.session_id, request_id: `close-${chat.session_id}` });
    assert.equal(closed.confirmed?.success, true);
    const rated = await chatApi(stack, "POST", `/api/v1/chat/${chat.session_id}/rating`, { token: chat.session_token, body: { score: 5, comment: "Quick and kind" } });
    assert.equal(rated.status, 201, JSON.stringify(rated.body));
    staff.socket.close();
    return { chat, agent };
  }

  /** The conversation's events as the database recorded them, in their order. */
  const recordedEvents = async (sessionId: string) =>
    (await db().webhookEvent.findMany({ where: { orderingKey: sessionId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, type: true } })).map((event) => event);

  it("delivers each event exactly once, in order per conversation, although the receiver fails the first two tries", async () => {
    const owner = await business();
    const failing = await receiver(({ tryOfDelivery }) => (tryOfDelivery <= 2 ? 500 : 200));
    const hook = await endpoint(owner, failing.url);
    const { chat, agent } = await fullChat(owner);

    const events = await recordedEvents(chat.session_id);
    const types = events.map((event) => event.type);
    assert.deepEqual(
      types.filter((type) => type !== "message.created"),
      ["conversation.created", "conversation.queued", "conversation.assigned", "conversation.closed", "conversation.rated"],
    );
    assert.ok(types.indexOf("message.created") > types.indexOf("conversation.created"), "the first message comes after the chat is created");
    assert.ok(types.filter((type) => type === "message.created").length >= 2, "the customer's and the agent's messages");

    await failing.waitFor(() => failing.accepted().length === events.length, "every event accepted");
    const accepted = failing.accepted().map((request) => envelope(request.body));
    // Exactly once each, in the conversation's order; every delivery was tried three times.
    assert.deepEqual(
      accepted.map((event) => event.id),
      events.map((event) => event.id),
    );
    assert.equal(failing.received.length, events.length * 3);
    // The last answer is recorded just after the receiver has it.
    await eventually(
      async () => (await db().webhookDelivery.count({ where: { endpointId: hook.id, status: "DELIVERED", attempts: 3 } })) === events.length,
      5_000,
      "all recorded as delivered on the third try",
    );

    // Counted by outcome (the other tests run later on the same worker).
    const attempts = Object.fromEntries((await metrics.webhookAttempts.get()).values.map((value) => [value.labels.outcome, value.value]));
    assert.deepEqual(attempts, { http_error: events.length * 2, success: events.length });

    const byType = new Map(accepted.map((event) => [event.type, event]));
    const created = byType.get("conversation.created")!;
    assert.equal(created.business_id, owner.id);
    assert.equal(created.data.conversation.id, chat.session_id);
    assert.deepEqual(created.data.conversation.customer, { id: (created.data.conversation.customer as { id: string }).id, name: "Ada Lovelace", email: "ada@example.test", external_id: null });
    assert.equal(byType.get("conversation.assigned")!.data.conversation.assigned_agent_id, agent.agentId);
    assert.equal(byType.get("conversation.closed")!.data.conversation.status, "CLOSED");
    assert.deepEqual(byType.get("conversation.rated")!.data.rating.score, 5);
    const messages = accepted.filter((event) => event.type === "message.created").map((event) => event.data.message);
    assert.deepEqual(
      messages.filter((message) => message.author !== "SYSTEM").map((message) => [message.author, message.body]),
      [
        ["CUSTOMER", "Hello, my order is late"],
        ["AGENT", "Let me check that for you"],
      ],
    );
  });

  it("sends the assistant's handoff and agents' status changes from their real flows", async () => {
    const owner = await business();
    await db().business.update({ where: { id: owner.id }, data: { settings: { assistantEnabled: true } } });
    const ok = await receiver();
    await endpoint(owner, ok.url, ["conversation.created", "conversation.handed_off", "conversation.queued", "agent.status_changed"]);
    const chat = await startChat(stack, owner.slug, { message: "Can I talk to a real person please" });
    await ok.waitFor((received) => received.some((request) => request.headers["switchboard-event"] === "conversation.queued"), "the chat queued after the handoff");
    const ofChat = ok.received.map((request) => envelope(request.body)).filter((event) => event.data.conversation?.id === chat.session_id);
    assert.deepEqual(
      ofChat.map((event) => event.type),
      ["conversation.created", "conversation.handed_off", "conversation.queued"],
    );
    assert.equal(ofChat[0].data.conversation.status, "BOT");
    assert.equal(ofChat[1].data.conversation.handoff_reason, "The customer asked for a person");

    const agent = await newAgent(stack, owner.slug);
    const staff = await workspaceSocket(stack, agent.email, owner.slug);
    assert.equal((await confirmedAction(staff, "agent.set_status", { status: "AWAY", request_id: "away" })).confirmed?.success, true);
    staff.socket.close();
    await ok.waitFor((received) => received.some((request) => request.headers["switchboard-event"] === "agent.status_changed"), "the status change");
    const status = envelope(ok.received.find((request) => request.headers["switchboard-event"] === "agent.status_changed")!.body);
    assert.deepEqual(status.data.agent, { id: agent.agentId, user_id: agent.userId, kind: "HUMAN", display_name: agent.displayName, status: "AWAY", previous_status: "ONLINE" });
  });

  it("signs each delivery with the endpoint's secret over the time and the raw body", async () => {
    const owner = await business();
    const ok = await receiver();
    const hook = await endpoint(owner, ok.url, ["conversation.created"]);
    const chat = await startChat(stack, owner.slug, { message: "Signed?" });
    await ok.waitFor((received) => received.length === 1, "the created event");
    const [request] = ok.received;
    const signature = String(request.headers["switchboard-signature"]);
    assert.match(signature, /^t=\d+,v1=[0-9a-f]{64}$/);
    assert.equal(request.headers["content-type"], "application/json");
    assert.equal(request.headers["switchboard-event"], "conversation.created");
    const delivery = await db().webhookDelivery.findFirstOrThrow({ where: { endpointId: hook.id } });
    assert.equal(request.headers["switchboard-delivery"], delivery.id);
    assert.equal(envelope(request.body).data.conversation.id, chat.session_id);

    assert.equal(verifyWebhookSignature(hook.secret, request.body, signature), true);
    assert.equal(verifyWebhookSignature(hook.secret, request.body.replace(chat.session_id, owner.id), signature), false, "a changed body");
    assert.equal(verifyWebhookSignature(`${hook.secret}x`, request.body, signature), false, "another secret");
    const sentAt = Number(/t=(\d+)/.exec(signature)![1]);
    assert.equal(verifyWebhookSignature(hook.secret, request.body, signature, { now: sentAt + 301 }), false, "replayed after the window");
  });

  it("times out a receiver that never answers and retries it, while other endpoints keep getting their events", async () => {
    const owner = await business();
    const silent = await receiver(() => "hang");
    const ok = await receiver();
    const silentHook = await endpoint(owner, silent.url, ["conversation.created"]);
    await endpoint(owner, ok.url, ["conversation.created"]);
    const first = await startChat(stack, owner.slug, { message: "one" });
    await silent.waitFor((received) => received.length >= 1, "the silent receiver is called");
    // While the first attempt hangs, more chats flow to the other endpoint.
    const more = [await startChat(stack, owner.slug, { message: "two" }), await startChat(stack, owner.slug, { message: "three" })];
    await ok.waitFor((received) => received.length === 3, "all three chats reach the answering endpoint");
    assert.deepEqual(new Set(ok.received.map((request) => envelope(request.body).data.conversation.id)), new Set([first, ...more].map((chat) => chat.session_id)));

    // The silent endpoint's attempts time out and are retried (the worker is not stuck on them).
    const firstDelivery = { endpointId: silentHook.id, orderingKey: first.session_id };
    await eventually(async () => (await db().webhookDelivery.findFirstOrThrow({ where: firstDelivery })).attempts >= 2, 20_000, "a second try after a timeout");
    const timedOut = await db().webhookDelivery.findFirstOrThrow({ where: firstDelivery, include: { attemptLog: true } });
    assert.equal(timedOut.status, "PENDING");
    assert.equal(timedOut.lastStatusCode, null);
    assert.ok(timedOut.attemptLog.length >= 2 && timedOut.attemptLog.every((attempt) => attempt.statusCode === null && attempt.error?.includes("no answer within")));
  });

  it("loses nothing when the worker stops mid-retry: the restarted one delivers exactly once", async () => {
    const owner = await business();
    let healthy = false;
    const flaky = await receiver(() => (healthy ? 200 : 503));
    const hook = await endpoint(owner, flaky.url, ["conversation.created", "message.created"]);
    const chat = await startChat(stack, owner.slug, { message: "Before the restart" });
    await flaky.waitFor((received) => received.length >= 1, "a first failed try");
    await worker!.stop();
    assert.equal(worker!.inFlight(), 0, "stop waited for the attempt in flight");
    // Events of a stopped worker's time wait in the table too.
    const customer = await customerSocket(stack, chat.session_token);
    const sent = await customer.socket.emitWithAck("chat.send", { client_message_id: "while-stopped", body: "While the worker is down" });
    assert.equal(sent.success, true);
    customer.socket.close();
    const pending = await db().webhookDelivery.findMany({ where: { endpointId: hook.id }, select: { status: true } });
    assert.equal(pending.length, 3);
    assert.ok(pending.every((row) => row.status === "PENDING"));

    healthy = true;
    const triedBefore = flaky.received.length;
    await startWorker();
    await flaky.waitFor(() => flaky.accepted().length === 3, "the three events after the restart");
    await eventually(async () => (await db().webhookDelivery.count({ where: { endpointId: hook.id, status: "DELIVERED" } })) === 3, 5_000, "all delivered");
    assert.equal(flaky.received.length - triedBefore, 3, "each sent once after the restart");
    assert.deepEqual(
      flaky.accepted().map((request) => envelope(request.body).type),
      ["conversation.created", "message.created", "message.created"],
    );
  });

  it("disables an endpoint that keeps failing past the window, with an audit entry; enabling it sends what waited", async () => {
    const owner = await business();
    let healthy = false;
    const down = await receiver(() => (healthy ? 200 : 500));
    const hook = await endpoint(owner, down.url, ["conversation.created"]);
    // It has been failing since long before the (scaled) day.
    await db().webhookEndpoint.update({ where: { id: hook.id }, data: { failingSince: new Date(Date.now() - 25 * 3_600_000) } });
    await startChat(stack, owner.slug, { message: "Anyone?" });
    await eventually(async () => !(await db().webhookEndpoint.findUniqueOrThrow({ where: { id: hook.id } })).enabled, 10_000, "the endpoint disabled");

    const disabled = (await api.get(owner.ownerToken, owner.id, hook.id)).body as { endpoint: WebhookEndpointWire };
    assert.equal(disabled.endpoint.enabled, false);
    assert.match(disabled.endpoint.disabled_reason ?? "", /failed for/);
    assert.equal(disabled.endpoint.pending_deliveries, 1, "its delivery waits");
    const entry = await db().auditLog.findFirst({ where: { businessId: owner.id, action: "webhook.disabled", target: hook.id } });
    assert.ok(entry, "audit-logged");
    assert.equal(entry.actorUserId, null);

    // Disabled: new events are not even queued for it.
    await startChat(stack, owner.slug, { message: "Still there?" });
    assert.equal(await db().webhookDelivery.count({ where: { endpointId: hook.id } }), 1);

    healthy = true;
    const enabled = await api.patch(owner.ownerToken, owner.id, hook.id, { enabled: true });
    assert.equal(enabled.status, 200, JSON.stringify(enabled.body));
    await down.waitFor(() => down.accepted().length === 1, "the waiting delivery after enabling");
    await eventually(async () => (await db().webhookEndpoint.findUniqueOrThrow({ where: { id: hook.id } })).failingSince === null, 5_000, "failing state cleared");
  });

  it("redelivers a delivered event as a manual attempt, and refuses one still scheduled", async () => {
    const owner = await business();
    const ok = await receiver();
    const hook = await endpoint(owner, ok.url, ["conversation.created"]);
    await startChat(stack, owner.slug, { message: "Again please" });
    await ok.waitFor((received) => received.length === 1, "the first delivery");
    const page = (await api.deliveries(owner.ownerToken, owner.id, hook.id)).body as WebhookDeliveryPage;
    const [delivered] = page.deliveries;
    await eventually(async () => (await db().webhookDelivery.findUniqueOrThrow({ where: { id: delivered.id } })).status === "DELIVERED", 5_000, "delivered");

    const again = await api.redeliver(owner.ownerToken, owner.id, hook.id, delivered.id);
    assert.equal(again.status, 200, JSON.stringify(again.body));
    const redelivered = (again.body as { delivery: WebhookDeliveryWire }).delivery;
    assert.equal(ok.received.length, 2);
    assert.equal(ok.received[1].headers["switchboard-delivery"], delivered.id, "the same delivery id: receivers dedupe on it");
    assert.equal(ok.received[1].body, ok.received[0].body);
    assert.equal(redelivered.attempt_log.length, 2);
    assert.equal(redelivered.attempt_log[0].manual, true);
    assert.equal(redelivered.attempt_log[0].status_code, 200);
    assert.equal(redelivered.attempt_log[1].manual, false);
    assert.ok(await db().auditLog.findFirst({ where: { businessId: owner.id, action: "webhook.redelivered", target: delivered.id } }));

    // A delivery the queue still owns (it is being retried) is not sent beside it.
    const down = await receiver(() => 500);
    const retried = await endpoint(owner, down.url, ["conversation.created"]);
    assert.equal((await api.ping(owner.ownerToken, owner.id, retried.id)).status, 202);
    await down.waitFor((received) => received.length >= 1, "the ping's first try");
    const scheduled = await db().webhookDelivery.findFirstOrThrow({ where: { endpointId: retried.id } });
    const refused = await api.redeliver(owner.ownerToken, owner.id, retried.id, scheduled.id);
    assert.equal(refused.status, 409);
    assert.match(JSON.stringify(refused.body), /still scheduled/);
    const ping = envelope(down.received[0].body);
    assert.equal(ping.type, "ping");
    assert.equal(down.received[0].headers["switchboard-event"], "ping");
    assert.equal(verifyWebhookSignature(retried.secret, down.received[0].body, String(down.received[0].headers["switchboard-signature"])), true);

    // A disabled endpoint gets no test event.
    assert.equal((await api.patch(owner.ownerToken, owner.id, retried.id, { enabled: false })).status, 200);
    assert.equal((await api.ping(owner.ownerToken, owner.id, retried.id)).status, 409);
  });

  it("never makes an event of a private note", async () => {
    const owner = await business();
    const ok = await receiver();
    const hook = await endpoint(owner, ok.url, ["message.created", "conversation.assigned"]);
    const agent = await newAgent(stack, owner.slug);
    const staff = await workspaceSocket(stack, agent.email, owner.slug);
    const chat = await startChat(stack, owner.slug, { message: "Public words" });
    assert.equal((await confirmedAction(staff, "queue.claim", { session_id: chat.session_id, request_id: `claim-${chat.session_id}` })).confirmed?.success, true);
    const note = await confirmedAction(staff, "session.note", { session_id: chat.session_id, body: "SECRET staff-only remark", client_message_id: `note-${chat.session_id}` });
    assert.equal(note.ack.success, true, JSON.stringify(note.ack));
    const reply = await confirmedAction(staff, "session.send", { session_id: chat.session_id, body: "Public reply", client_message_id: `after-note-${chat.session_id}` });
    assert.equal(reply.confirmed?.success, true);
    staff.socket.close();
    await ok.waitFor((received) => received.some((request) => request.body.includes("Public reply")), "the reply after the note");
    assert.ok(await db().sessionNote.findFirst({ where: { sessionId: chat.session_id } }), "the note was stored");
    assert.ok(!ok.received.some((request) => request.body.includes("SECRET")));
    const stored = await db().webhookEvent.findMany({ where: { businessId: owner.id } });
    assert.ok(!JSON.stringify(stored).includes("SECRET"));
    assert.ok(stored.every((event) => event.type === "message.created" || event.type === "conversation.assigned"));
    assert.equal(await db().webhookDelivery.count({ where: { endpointId: hook.id } }), stored.length);
  });

  it("forgets events past the log's retention, except those still waiting to be sent", async () => {
    const owner = await business();
    const ok = await receiver();
    const sent = await endpoint(owner, ok.url, ["conversation.created"]);
    await startChat(stack, owner.slug, { message: "Old news" });
    await eventually(async () => (await db().webhookDelivery.count({ where: { endpointId: sent.id, status: "DELIVERED" } })) === 1, 5_000, "delivered");
    const oldDelivery = await db().webhookDelivery.findFirstOrThrow({ where: { endpointId: sent.id } });
    const oldEventId = oldDelivery.eventId;
    // The same event waits for a second endpoint, disabled.
    const waiting = await endpoint(owner, ok.url, ["conversation.created"]);
    await api.patch(owner.ownerToken, owner.id, waiting.id, { enabled: false });
    await db().webhookDelivery.create({ data: { businessId: owner.id, endpointId: waiting.id, eventId: oldEventId, nextAttemptAt: new Date() } });
    const events = () => db().webhookEvent.count({ where: { businessId: owner.id } });
    await startChat(stack, owner.slug, { message: "Still fresh" });
    assert.equal(await events(), 2);

    await deleteOldWebhookEvents(db());
    assert.equal(await events(), 2, "nothing younger than the retention goes");
    const later = new Date(Date.now() + (WEBHOOK_LOG_RETENTION_DAYS + 1) * 86_400_000);
    await deleteOldWebhookEvents(db(), later);
    assert.ok(await db().webhookEvent.findUnique({ where: { id: oldEventId } }), "kept while a delivery of it waits (its endpoint is disabled)");
    await db().webhookEndpoint.delete({ where: { id: waiting.id } });
    await deleteOldWebhookEvents(db(), later);
    assert.equal(await db().webhookEvent.findUnique({ where: { id: oldEventId } }), null);
    assert.equal(await db().webhookDelivery.findUnique({ where: { id: oldDelivery.id } }), null, "its delivery went with it");
    assert.equal(await db().webhookAttempt.count({ where: { deliveryId: oldDelivery.id } }), 0, "and its attempts");
  });

  describe("the admin API", () => {
    it("is for owners and admins; another business's endpoint and a business the caller is not in answer like missing ones", async () => {
      const acme = await business();
      const other = await business();
      const hook = await endpoint(acme, "http://127.0.0.1:9/hooks");
      const agent = await newAgent(stack, acme.slug);
      const agentToken = await sessionTokenFor(db(), agent.email);

      assert.equal((await api.list(agentToken, acme.id)).status, 403);
      assert.equal((await api.create(agentToken, acme.id, { url: "http://127.0.0.1:9/x", events: ["conversation.created"] })).status, 403);
      assert.equal((await api.get(agentToken, acme.id, hook.id)).status, 403);

      const missing = await api.get(acme.ownerToken, acme.id, MISSING);
      assert.equal(missing.status, 404);
      for (const answer of [
        await api.get(other.ownerToken, other.id, hook.id),
        await api.patch(other.ownerToken, other.id, hook.id, { enabled: false }),
        await api.remove(other.ownerToken, other.id, hook.id),
        await api.rotate(other.ownerToken, other.id, hook.id),
        await api.ping(other.ownerToken, other.id, hook.id),
        await api.deliveries(other.ownerToken, other.id, hook.id),
        await api.redeliver(other.ownerToken, other.id, hook.id, MISSING),
      ])
        assert.deepEqual(answer, missing, "another business's endpoint");
      const notMember = await api.list(other.ownerToken, acme.id);
      const noBusiness = await api.list(other.ownerToken, MISSING);
      assert.equal(notMember.status, 404);
      assert.deepEqual(notMember, noBusiness, "a business the caller is not in");
      assert.equal((await api.get(acme.ownerToken, acme.id, "not-an-id")).status, 404);
    });

    it("validates bodies, and returns the secret only on create and rotate", async () => {
      const owner = await business();
      const invalid = await api.create(owner.ownerToken, owner.id, { url: "ftp://example.com", events: ["conversation.exploded"], extra: true });
      assert.equal(invalid.status, 400);
      assert.equal((invalid.body as { error: { code: string } }).error.code, "validation_error");
      const noEvents = await api.create(owner.ownerToken, owner.id, { url: "http://127.0.0.1:9/x", events: [] });
      assert.equal(noEvents.status, 400);
      assert.ok("events" in (noEvents.body as { error: { fields: Record<string, string[]> } }).error.fields);
      const tooBig = await callRoute(handler(endpointsRoute.POST), {
        method: "POST",
        path: path(owner.id),
        token: owner.ownerToken,
        rawBody: JSON.stringify({ url: "http://127.0.0.1:9/x", events: ["conversation.created"], description: "x".repeat(20_000) }),
      });
      assert.equal(tooBig.status, 413);
      assert.equal((await api.patch(owner.ownerToken, owner.id, MISSING, {})).status, 400);
      const rotateWithBody = await callRoute(handler(rotateRoute.POST), {
        method: "POST",
        path: path(owner.id, `/${MISSING}/rotate-secret`),
        params: { id: MISSING },
        token: owner.ownerToken,
        body: { secret: "mine" },
      });
      assert.equal(rotateWithBody.status, 400, "the server makes the secret");

      const created = await endpoint(owner, "http://127.0.0.1:9/hooks", ["conversation.created", "conversation.created"]);
      assert.match(created.secret, /^whsec_/);
      assert.deepEqual(created.events, ["conversation.created"]);
      const listed = (await api.list(owner.ownerToken, owner.id)).body as { endpoints: Record<string, unknown>[] };
      assert.ok(listed.endpoints.every((entry) => !("secret" in entry)));
      assert.ok(!("secret" in ((await api.get(owner.ownerToken, owner.id, created.id)).body as { endpoint: object }).endpoint));
      const patched = await api.patch(owner.ownerToken, owner.id, created.id, { description: "CRM sync", events: ["conversation.closed"] });
      assert.equal(patched.status, 200);
      assert.ok(!("secret" in (patched.body as { endpoint: object }).endpoint));
      const rotated = (await api.rotate(owner.ownerToken, owner.id, created.id)).body as { endpoint: WebhookEndpointWithSecret };
      assert.match(rotated.endpoint.secret, /^whsec_/);
      assert.notEqual(rotated.endpoint.secret, created.secret);
      const actions = (await db().auditLog.findMany({ where: { businessId: owner.id, target: created.id }, orderBy: { createdAt: "asc" } })).map((row) => row.action);
      assert.deepEqual(actions, ["webhook.created", "webhook.updated", "webhook.secret_rotated"]);
      assert.ok(!JSON.stringify(await db().auditLog.findMany({ where: { businessId: owner.id } })).includes(rotated.endpoint.secret), "secrets stay out of the audit log");
      assert.equal((await api.remove(owner.ownerToken, owner.id, created.id)).status, 200);
      assert.equal((await api.get(owner.ownerToken, owner.id, created.id)).status, 404);
    });

    it("refuses http and private addresses unless WEBHOOK_ALLOW_PRIVATE_URLS is on", async () => {
      const owner = await business();
      registerWebhookSettings({ ...TEST_WEBHOOKS, allowPrivateUrls: false });
      try {
        for (const url of ["http://example.com/hook", "https://127.0.0.1/hook", "https://10.0.0.8/hook", "https://169.254.169.254/latest", "https://[::1]/hook", "https://localhost:8443/hook"]) {
          const answer = await api.create(owner.ownerToken, owner.id, { url, events: ["conversation.created"] });
          assert.equal(answer.status, 400, url);
          assert.ok("url" in (answer.body as { error: { fields: Record<string, string[]> } }).error.fields, url);
        }
      } finally {
        registerWebhookSettings(TEST_WEBHOOKS);
      }
      assert.equal((await api.create(owner.ownerToken, owner.id, { url: "http://127.0.0.1:9/hook", events: ["conversation.created"] })).status, 201, "allowed with the flag");
    });
  });
});
