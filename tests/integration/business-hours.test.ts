/**
 * Issue 17, business hours and offline messages (docs/decisions/022): owners and admins set a
 * business's hours (audit-logged; agents read them); while the desk is closed (outside the hours,
 * on a holiday, or with nobody ONLINE) a chat without the assistant is an offline message: stored
 * with the customer's email, shown to staff flagged offline, out of the queue and its figures, and
 * never abandoned; with the assistant on, the assistant answers first and its handoff makes the
 * chat offline. When the desk opens (someone comes online, the hours begin) the offline messages
 * join the queue once, pushed the normal way.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as hoursRoute from "../../app/api/v1/admin/business-hours/route";
import * as widgetRoute from "../../app/api/v1/admin/chat-dashboard/[widget]/route";
import { queueOfflineChats } from "../../lib/chat/offline-chats.server";
import type { BusinessHours, BusinessHoursWire } from "../../lib/contract/business-hours";
import type { CustomerSessionView } from "../../lib/contract/customer-chat";
import type { WorkspaceSnapshot } from "../../lib/contract/staff";
import type { WaitingQueue } from "../../lib/contract/widgets";
import { addMembership, createAgent, createUser } from "../../lib/seed/factories.server";
import { sessionTokenFor } from "../support/auth-tokens";
import { eventually } from "../support/eventually";
import { chatApi, confirmedAction, customerSocket, newBusiness, startChat, workspaceSocket } from "../support/live-chat";
import { callRoute, useStaffRoutes, type RouteHandler } from "../support/staff-routes";
import { useTestStack } from "../support/test-stack";

const MISSING = "00000000-0000-4000-8000-000000000000";
const handler = (route: unknown) => route as RouteHandler;
const noDays = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const allDay = [{ open: "00:00", close: "24:00" }];
/** Hours on, never open: the desk is closed whoever is online. */
const NEVER_OPEN: BusinessHours = { enabled: true, weekly: noDays, holidays: [] };
/** Hours on, open around the clock: the desk is open while someone is ONLINE. */
const ALWAYS_OPEN: BusinessHours = { enabled: true, weekly: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay }, holidays: [] };

describe("business hours and offline messages", () => {
  const stack = useTestStack({}, { queue: true });
  useStaffRoutes(stack);
  const db = () => stack.database.db;
  const tokens: Record<string, string> = {};
  let shop: { id: string; slug: string; ownerEmail: string };
  let other: { id: string; slug: string; ownerEmail: string };
  let agentEmail: string;
  let agentId: string;

  before(async () => {
    shop = await newBusiness(db());
    other = await newBusiness(db());
    stack.ids[shop.slug] = shop.id;
    const admin = await createUser(db());
    await addMembership(db(), { userId: admin.id, businessId: shop.id, role: "ADMIN" });
    const agentUser = await createUser(db());
    await addMembership(db(), { userId: agentUser.id, businessId: shop.id, role: "AGENT" });
    agentEmail = agentUser.email;
    agentId = (await createAgent(db(), { businessId: shop.id, userId: agentUser.id, displayName: "Sam", capacity: 5, status: "OFFLINE" })).id;
    for (const [key, email] of Object.entries({ owner: shop.ownerEmail, admin: admin.email, agent: agentUser.email, stranger: other.ownerEmail })) tokens[key] = await sessionTokenFor(db(), email);
  });

  const path = (companyId: string) => `/api/v1/admin/business-hours?company_id=${companyId}`;
  const getHours = (who: string, companyId = shop.id) => callRoute(handler(hoursRoute.GET), { method: "GET", path: path(companyId), token: tokens[who] });
  const putHours = (who: string, body: unknown, companyId = shop.id) => callRoute(handler(hoursRoute.PUT), { method: "PUT", path: path(companyId), token: tokens[who], body });
  const setHours = async (hours: BusinessHours) => assert.equal((await putHours("admin", hours)).status, 200);
  const sessionRow = (id: string) => db().chatSession.findUniqueOrThrow({ where: { id }, select: { status: true, queuedAt: true, offlineAt: true, customer: { select: { email: true } } } });
  const waitingQueue = async () => {
    const response = await callRoute(handler(widgetRoute.GET), { method: "GET", path: `/api/v1/admin/chat-dashboard/queue?company_id=${shop.id}`, params: { widget: "queue" }, token: tokens.owner });
    assert.equal(response.status, 200);
    return (response.body as { data: WaitingQueue }).data;
  };
  const setAgentStatus = (status: "ONLINE" | "OFFLINE") => db().agent.update({ where: { id: agentId }, data: { status } });

  describe("the admin API", () => {
    it("answers members with the hours (a disabled weekday template at first), the time zone and the desk", async () => {
      for (const who of ["owner", "agent"]) {
        const response = await getHours(who);
        assert.equal(response.status, 200);
        const wire = response.body as BusinessHoursWire;
        assert.equal(wire.hours.enabled, false);
        assert.deepEqual(wire.hours.weekly.mon, [{ open: "09:00", close: "17:00" }]);
        assert.equal(wire.time_zone, "UTC");
        assert.deepEqual(wire.desk, { open: true, closed_reason: null, opens_at: null, changes_at: null, time_zone: "UTC" });
      }
    });

    it("lets owners and admins replace them (audit-logged), not agents", async () => {
      const hours = {
        enabled: true,
        weekly: {
          ...noDays,
          mon: [
            { open: "13:00", close: "17:30" },
            { open: "09:00", close: "12:00" },
          ],
        },
        holidays: [{ date: "2026-12-25", name: "Christmas" }],
      };
      assert.equal((await putHours("agent", hours)).status, 403);
      const saved = await putHours("admin", hours);
      assert.equal(saved.status, 200);
      const wire = saved.body as BusinessHoursWire;
      assert.deepEqual(
        wire.hours.weekly.mon,
        [
          { open: "09:00", close: "12:00" },
          { open: "13:00", close: "17:30" },
        ],
        "stored in order",
      );
      assert.equal(wire.desk.open, false);
      assert.deepEqual((await getHours("owner")).body, wire);
      const audit = await db().auditLog.findFirstOrThrow({ where: { businessId: shop.id, action: "business.hours_updated" }, orderBy: { createdAt: "desc" } });
      assert.deepEqual((audit.meta as { hours: unknown }).hours, wire.hours);
      assert.equal(await db().auditLog.count({ where: { businessId: shop.id, action: "business.hours_updated" } }), 1, "the refused change left no trace");
    });

    it("refuses invalid schedules naming the fields, and stores nothing", async () => {
      const before = (await getHours("owner")).body;
      const cases: [unknown, string][] = [
        [
          {
            ...NEVER_OPEN,
            weekly: {
              ...noDays,
              tue: [
                { open: "09:00", close: "13:00" },
                { open: "12:00", close: "17:00" },
              ],
            },
          },
          "weekly.tue.1",
        ],
        [{ ...NEVER_OPEN, weekly: { ...noDays, wed: [{ open: "18:00", close: "09:00" }] } }, "weekly.wed.0.close"],
        [{ ...NEVER_OPEN, weekly: { ...noDays, thu: [{ open: "9am", close: "17:00" }] } }, "weekly.thu.0.open"],
        [{ ...NEVER_OPEN, holidays: [{ date: "2026-02-30" }] }, "holidays.0.date"],
        [{ ...NEVER_OPEN, weekly: { ...noDays, funday: [] } }, "weekly"],
        [{ weekly: noDays, holidays: [] }, "enabled"],
      ];
      for (const [body, field] of cases) {
        const response = await putHours("owner", body);
        assert.equal(response.status, 400, JSON.stringify(body));
        const error = (response.body as { error: { code: string; fields: Record<string, string[]> } }).error;
        assert.equal(error.code, "validation_error");
        assert.ok(
          Object.keys(error.fields).some((key) => key.startsWith(field)),
          `${field} in ${JSON.stringify(error.fields)}`,
        );
      }
      assert.equal((await putHours("owner", { ...NEVER_OPEN, holidays: Array.from({ length: 2_000 }, (_, i) => ({ date: "2026-01-01", name: `${i}`.repeat(5) })) })).status, 413);
      assert.deepEqual((await getHours("owner")).body, before);
    });

    it("answers a business the caller is not a member of exactly like a missing one", async () => {
      const pairs = [
        [await getHours("stranger", shop.id), await getHours("stranger", MISSING)],
        [await putHours("stranger", NEVER_OPEN, shop.id), await putHours("stranger", NEVER_OPEN, MISSING)],
      ];
      for (const [foreign, missing] of pairs) {
        assert.equal(foreign.status, 404);
        assert.equal(missing.status, 404);
        assert.deepEqual(foreign.body, missing.body);
      }
      assert.equal((await getHours("stranger", other.id)).status, 200, "their own business answers");
    });
  });

  describe("a chat while the desk is closed, without the assistant", () => {
    it("is an offline message: stored with the email, shown to staff flagged offline, out of the queue, never abandoned", async () => {
      await setHours(NEVER_OPEN);
      const staff = await workspaceSocket(stack, shop.ownerEmail, shop.slug);
      const chat = await startChat(stack, shop.slug, { customer: { name: "Olga", email: "Olga@Example.com" }, message: "Are you open on Sunday?" });
      assert.equal(chat.status, "WAITING");

      const row = await sessionRow(chat.session_id);
      assert.equal(row.status, "WAITING");
      assert.ok(row.offlineAt);
      assert.equal(row.queuedAt, null);
      assert.equal(row.customer.email, "Olga@Example.com");

      const pushed = await staff.recorder.waitFor((e) => e.event === "session.updated" && e.payload.session.id === chat.session_id, "the offline message, to staff");
      assert.equal(pushed.payload.reason, "created");
      assert.equal(pushed.payload.session.offline_at, row.offlineAt.toISOString());
      assert.equal(pushed.payload.session.queued_at, null);
      assert.equal(pushed.payload.message.body, "Are you open on Sunday?");

      const queue = await waitingQueue();
      assert.ok(!queue.sessions.some((s) => s.id === chat.session_id), "not in the queue");
      assert.equal(queue.total, 0);
      const listed = queue.offline.find((s) => s.id === chat.session_id);
      assert.ok(listed, "listed as an offline message");
      assert.equal(listed.held_offline, true);
      assert.equal(listed.preview, "Are you open on Sunday?");
      const workspace = (await workspaceSocket(stack, shop.ownerEmail, shop.slug)).workspace as WorkspaceSnapshot;
      assert.ok(workspace.offline.some((s) => s.id === chat.session_id) && !workspace.queue.some((s) => s.id === chat.session_id));
      const overview = (
        await callRoute(handler(widgetRoute.GET), { method: "GET", path: `/api/v1/admin/chat-dashboard/overview?company_id=${shop.id}`, params: { widget: "overview" }, token: tokens.owner })
      ).body as {
        data: { waiting_sessions: number };
      };
      assert.equal(overview.data.waiting_sessions, 0, "the queue's figures leave it out");

      const view = (await chatApi(stack, "GET", `/api/v1/chat/${chat.session_id}`, { token: chat.session_token })).body as CustomerSessionView;
      assert.equal(view.queue, null);
      assert.deepEqual(view.offline, { email_known: true });

      // The customer leaves: long past the grace period, the chat still waits for its answer.
      const customer = await customerSocket(stack, chat.session_token);
      customer.socket.disconnect();
      const leftAt = await waitForLeft(chat.session_id);
      await stack.server.realtime.reconcile(new Date(leftAt.getTime() + 10 * 60_000));
      assert.equal((await sessionRow(chat.session_id)).status, "WAITING");
      staff.socket.disconnect();
    });

    it("on a holiday too, though the hours and the team are in", async () => {
      const today = new Date().toISOString().slice(0, 10);
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      await setAgentStatus("ONLINE");
      await setHours({ ...ALWAYS_OPEN, holidays: [{ date: today, name: "Founders' day" }, { date: tomorrow }] });
      assert.equal(((await getHours("owner")).body as BusinessHoursWire).desk.closed_reason, "hours");
      const onHoliday = await startChat(stack, shop.slug, { customer: { email: "h@example.com" }, message: "Hello?" });
      assert.ok((await sessionRow(onHoliday.session_id)).offlineAt);

      await setHours(ALWAYS_OPEN);
      const open = await startChat(stack, shop.slug, { message: "Hello again" });
      const row = await sessionRow(open.session_id);
      assert.equal(row.offlineAt, null);
      assert.ok(row.queuedAt, "an open desk queues as ever");
      await setAgentStatus("OFFLINE");
    });
  });

  describe("the desk opening", () => {
    it("queues the offline messages once when an agent comes online, pushed to staff and the customer", async () => {
      await setHours(ALWAYS_OPEN);
      assert.equal(((await getHours("owner")).body as BusinessHoursWire).desk.closed_reason, "nobody_online");
      const chat = await startChat(stack, shop.slug, { customer: { email: "n@example.com" }, message: "Anyone there?" });
      assert.equal((await sessionRow(chat.session_id)).queuedAt, null);
      const offlineAt = (await sessionRow(chat.session_id)).offlineAt!;
      const customer = await customerSocket(stack, chat.session_token);
      const owner = await workspaceSocket(stack, shop.ownerEmail, shop.slug);

      const agent = await workspaceSocket(stack, agentEmail, shop.slug);
      assert.equal((await confirmedAction(agent, "agent.set_status", { status: "ONLINE", request_id: "online-1" })).confirmed?.success, true);
      const entered = await owner.recorder.waitFor((e) => e.event === "queue.updated" && e.payload.session_id === chat.session_id && e.payload.entry, "the chat joins the queue");
      assert.equal(entered.payload.reason, "queued");
      assert.equal(entered.payload.entry.offline_at, offlineAt.toISOString(), "still marked as having come in offline");
      assert.equal(entered.payload.entry.held_offline, false);
      const status = await customer.recorder.waitFor((e) => e.event === "chat.status" && e.payload.queue !== null, "the customer's place in the queue");
      assert.equal(status.payload.offline, null);

      const row = await sessionRow(chat.session_id);
      assert.ok(row.queuedAt && row.queuedAt >= offlineAt);
      assert.ok(row.offlineAt);
      await stack.server.realtime.liveChat.idle();
      assert.equal(owner.recorder.events.filter((e) => e.event === "queue.updated" && e.payload.session_id === chat.session_id && e.payload.entry).length, 1, "queued once");
      assert.equal(
        ((await waitingQueue()).offline as { id: string }[]).some((s) => s.id === chat.session_id),
        false,
      );
      for (const socket of [customer, owner, agent]) socket.socket.disconnect();
      await setAgentStatus("OFFLINE");
      // Leave the queue clean for the next test.
      await db().chatSession.updateMany({ where: { businessId: shop.id, status: "WAITING" }, data: { status: "CLOSED", closedAt: new Date() } });
    });

    it("queues each offline message once, however many passes race for it", async () => {
      await setHours(NEVER_OPEN);
      const chats = [];
      for (const n of [1, 2, 3]) chats.push(await startChat(stack, shop.slug, { customer: { email: `r${n}@example.com` }, message: `Race ${n}` }));
      // The hours begin and someone is online, without a trigger: the passes find it out.
      await db().$executeRaw`UPDATE "Business" SET settings = settings || ${JSON.stringify({ hours: ALWAYS_OPEN })}::jsonb WHERE id = ${shop.id}::uuid`;
      await setAgentStatus("ONLINE");
      const passes = await Promise.all([queueOfflineChats(db(), shop.id), queueOfflineChats(db(), shop.id), queueOfflineChats(db(), shop.id)]);
      const queued = passes.flat().map((change) => change.session.id);
      assert.deepEqual([...queued].sort(), chats.map((chat) => chat.session_id).sort(), "each chat once");
      const rows = await Promise.all(chats.map((chat) => sessionRow(chat.session_id)));
      assert.ok(rows.every((row) => row.queuedAt !== null && row.offlineAt !== null));
      assert.deepEqual(
        [...rows].sort((a, b) => a.queuedAt!.getTime() - b.queuedAt!.getTime()).map((row) => row.customer.email),
        ["r1@example.com", "r2@example.com", "r3@example.com"],
        "the queue keeps the order they came in",
      );
      assert.deepEqual(await queueOfflineChats(db(), shop.id), [], "nothing left");
      await setAgentStatus("OFFLINE");
    });
  });

  describe("with the assistant on", () => {
    it("answers first, and its handoff while the desk is closed makes the chat an offline message that asks for an email", async () => {
      await db().$executeRaw`UPDATE "Business" SET settings = settings || ${JSON.stringify({ hours: NEVER_OPEN })}::jsonb WHERE id = ${stack.ids.acme}::uuid`;
      const chat = await startChat(stack, "acme", { customer: { name: "Quinn" } });
      assert.equal(chat.status, "BOT", "the assistant takes the first turn");
      const customer = await customerSocket(stack, chat.session_token);
      await customer.socket.emitWithAck("chat.send", { client_message_id: "q1", body: "How long does shipping take?" });
      await customer.recorder.waitFor((e) => e.event === "chat.message" && e.payload.message.author === "ASSISTANT", "the assistant's answer");
      assert.equal((await sessionRow(chat.session_id)).status, "BOT");

      await customer.socket.emitWithAck("chat.send", { client_message_id: "q2", body: "I want to talk to a human" });
      const note = await customer.recorder.waitFor((e) => e.event === "chat.message" && e.payload.message.author === "SYSTEM", "the offline note");
      assert.match(note.payload.message.body, /We're closed right now\. We'll reply as soon as we can\. Leave your email below/);
      const status = await customer.recorder.waitFor((e) => e.event === "chat.status" && e.payload.status === "WAITING", "offline status");
      assert.deepEqual(status.payload.offline, { email_known: false });
      assert.equal(status.payload.queue, null);
      const row = await sessionRow(chat.session_id);
      assert.ok(row.offlineAt);
      assert.equal(row.queuedAt, null);

      const given = await chatApi(stack, "PUT", `/api/v1/chat/${chat.session_id}/email`, { token: chat.session_token, body: { email: "quinn@example.com" } });
      assert.equal(given.status, 200);
      assert.deepEqual(given.body.offline, { email_known: true });
      assert.equal((await sessionRow(chat.session_id)).customer.email, "quinn@example.com");
      assert.equal((await chatApi(stack, "PUT", `/api/v1/chat/${chat.session_id}/email`, { token: chat.session_token, body: { email: "nope" } })).status, 400);
      assert.equal((await chatApi(stack, "PUT", `/api/v1/chat/${chat.session_id}/email`, { body: { email: "a@example.com" } })).status, 401);
      customer.socket.disconnect();
    });
  });

  /** When the customer's page went away (stamped once the server sees its socket's disconnect). */
  async function waitForLeft(sessionId: string): Promise<Date> {
    const leftAt = async () => (await db().chatSession.findUniqueOrThrow({ where: { id: sessionId }, select: { customerLeftAt: true } })).customerLeftAt;
    await eventually(async () => (await leftAt()) !== null, 5_000, "the customer's leaving stamped");
    return (await leftAt())!;
  }
});
