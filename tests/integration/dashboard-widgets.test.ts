import assert from "node:assert/strict";
import { systemScope } from "../../lib/tenancy/memberships.server";
import { after, before, describe, it } from "node:test";
import { loadWidget } from "../../lib/dashboard/load-widget.server";
import { WIDGETS, widgetDataSchemas, type SatisfactionTrendDay, type WidgetData, type WidgetName } from "../../lib/contract/widgets";
import { AgentKind, AgentStatus, MessageAuthor, SessionStatus } from "../../lib/db/generated/enums";
import { applyMigrations } from "../../lib/db/migrate.server";
import type { PrismaClient } from "../../lib/db/prisma-client.server";
import { createAgent, createBusiness, createChatSession, createCustomer, type ChatSessionOptions, type SessionMessageOptions } from "../../lib/seed/factories.server";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/**
 * The six widgets on two small hand-built businesses with every figure worked out by hand.
 * North (America/New_York) is the one checked in detail: "today" there started at 04:00 UTC, and
 * its 14-day trend crosses the switch to daylight saving time (8 March 2026). South
 * (Asia/Kolkata, UTC+05:30) has rows of every kind too, so any leak between them changes a number;
 * its half-hour offset also shifts its hour buckets to :30.
 */

const NOW = new Date("2026-03-10T15:30:00.000Z");
/** A UTC instant on 10 March 2026, or on another day. */
const at = (time: string, day = "2026-03-10") => new Date(`${day}T${time}Z`);
/** A message on 10 March 2026. */
const msg = (author: MessageAuthor, time: string, body = `${author.toLowerCase()} at ${time}`): SessionMessageOptions => ({
  author,
  body,
  createdAt: at(time),
});
const { CUSTOMER, AGENT, ASSISTANT, SYSTEM } = MessageAuthor;

const LONG_QUESTION = `My parcel ${"is still not here and the tracking page has not changed for a week ".repeat(3)}`.trim();

/** Float figures compared to 9 decimals, so expectations can be written as fractions. */
function rounded<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) => (typeof v === "number" ? Math.round(v * 1e9) / 1e9 : v)) as T;
}

async function buildNorth(db: PrismaClient) {
  const business = await createBusiness(db, { name: "North", timezone: "America/New_York" });
  const businessId = business.id;
  const alice = await createAgent(db, { businessId, displayName: "Alice", status: AgentStatus.ONLINE, capacity: 3, lastSeenAt: at("15:29:00") });
  const bob = await createAgent(db, { businessId, displayName: "Bob", status: AgentStatus.AWAY, capacity: 2, lastSeenAt: at("15:00:00") });
  const carol = await createAgent(db, { businessId, displayName: "Carol", status: AgentStatus.OFFLINE, capacity: 4, lastSeenAt: null });
  await createAgent(db, { businessId, kind: AgentKind.ASSISTANT, status: AgentStatus.ONLINE });
  const customer = (name: string) => createCustomer(db, { businessId, name, email: `${name.toLowerCase()}@north.test` });
  const session = async (name: string, options: Omit<ChatSessionOptions, "businessId" | "customerId">) => createChatSession(db, { businessId, customerId: (await customer(name)).id, ...options });

  // Live: three waiting, three with an agent, one with the assistant.
  const w1 = await session("Wendy", {
    status: SessionStatus.WAITING,
    createdAt: at("15:15:00"),
    queuedAt: at("15:20:00"),
    handoffReason: "Parcel missing",
    messages: [msg(CUSTOMER, "15:15:00", "Hi"), msg(ASSISTANT, "15:16:00"), msg(CUSTOMER, "15:19:00", LONG_QUESTION), msg(SYSTEM, "15:20:00")],
  });
  const w2 = await session("Walter", {
    status: SessionStatus.WAITING,
    priority: 1,
    createdAt: at("15:26:00"),
    queuedAt: at("15:28:00"),
    messages: [msg(CUSTOMER, "15:26:00", "I need a person now"), msg(SYSTEM, "15:28:00")],
  });
  const w3 = await session("Wanda", {
    status: SessionStatus.WAITING,
    createdAt: at("14:55:00"),
    queuedAt: at("15:00:00"),
    messages: [msg(SYSTEM, "14:56:00")],
  });
  const a1 = await session("Amy", {
    status: SessionStatus.ACTIVE,
    assignedAgentId: alice.id,
    createdAt: at("15:00:00"),
    queuedAt: at("15:02:00"),
    assignedAt: at("15:05:00"),
    firstResponseAt: at("15:06:00"),
    messages: [msg(CUSTOMER, "15:00:00"), msg(SYSTEM, "15:02:00"), { ...msg(AGENT, "15:06:00"), agentId: alice.id }, msg(CUSTOMER, "15:25:00")],
  });
  const a2 = await session("Arno", {
    status: SessionStatus.ACTIVE,
    assignedAgentId: alice.id,
    createdAt: at("14:45:00"),
    queuedAt: at("14:47:00"),
    assignedAt: at("14:50:00"),
    firstResponseAt: at("14:52:00"),
    messages: [msg(CUSTOMER, "14:45:00"), msg(AGENT, "14:52:00"), msg(AGENT, "15:10:00")],
  });
  // No assignedAt recorded: started_at falls back to createdAt.
  const a3 = await session("Ada", {
    status: SessionStatus.ACTIVE,
    assignedAgentId: bob.id,
    createdAt: at("15:20:00"),
    queuedAt: at("15:21:00"),
    assignedAt: null,
    messages: [msg(CUSTOMER, "15:20:00"), msg(SYSTEM, "15:21:00"), msg(CUSTOMER, "15:28:00")],
  });
  // Its last message is after NOW: figures are as of NOW, so it is not counted.
  await session("Bea", {
    status: SessionStatus.BOT,
    createdAt: at("15:29:00"),
    messages: [msg(CUSTOMER, "15:29:00"), msg(ASSISTANT, "15:45:00")],
  });

  // Ended today (New York time).
  const cleo = await session("Cleo", {
    status: SessionStatus.CLOSED,
    createdAt: at("10:00:00"),
    closedAt: at("10:10:00"),
    messages: [msg(CUSTOMER, "10:00:00"), msg(ASSISTANT, "10:01:00")],
    rating: { score: 5, comment: "Great", createdAt: at("10:11:00") },
  });
  await session("Cody", {
    status: SessionStatus.CLOSED,
    assignedAgentId: alice.id,
    createdAt: at("11:00:00"),
    queuedAt: at("11:01:00"),
    assignedAt: at("11:03:00"),
    firstResponseAt: at("11:04:00"),
    closedAt: at("11:33:00"),
    messages: [msg(CUSTOMER, "11:00:00"), msg(SYSTEM, "11:01:00"), msg(AGENT, "11:04:00")],
    rating: { score: 4, comment: "   ", createdAt: at("11:34:00") },
  });
  const cruz = await session("Cruz", {
    status: SessionStatus.CLOSED,
    assignedAgentId: bob.id,
    createdAt: at("12:00:00"),
    queuedAt: at("12:02:00"),
    assignedAt: at("12:04:00"),
    firstResponseAt: at("12:07:00"),
    closedAt: at("12:24:00"),
    messages: [msg(CUSTOMER, "12:00:00"), msg(AGENT, "12:07:00")],
    rating: { score: 2, comment: "Slow", createdAt: at("12:25:00") },
  });
  await session("Abe", {
    status: SessionStatus.ABANDONED,
    createdAt: at("13:00:00"),
    queuedAt: at("13:01:00"),
    closedAt: at("13:20:00"),
    messages: [msg(CUSTOMER, "13:00:00"), msg(SYSTEM, "13:01:00")],
  });
  // After midnight UTC but before midnight in New York: yesterday, locally.
  const cato = await session("Cato", {
    status: SessionStatus.CLOSED,
    assignedAgentId: alice.id,
    createdAt: at("03:00:00"),
    queuedAt: at("03:01:00"),
    assignedAt: at("03:02:00"),
    firstResponseAt: at("03:03:00"),
    closedAt: at("03:30:00"),
    messages: [msg(CUSTOMER, "03:00:00"), msg(AGENT, "03:03:00")],
    rating: { score: 1, comment: "Bad", createdAt: at("03:31:00") },
  });
  // Straddles the start of the 24-hour window: only the second message is inside.
  await session("Eve", {
    status: SessionStatus.CLOSED,
    createdAt: at("15:59:00", "2026-03-09"),
    closedAt: at("16:05:00", "2026-03-09"),
    messages: [
      { author: CUSTOMER, body: "Anyone there?", createdAt: at("15:59:59.999", "2026-03-09") },
      { author: ASSISTANT, body: "Yes, how can I help?", createdAt: at("16:00:00", "2026-03-09") },
    ],
  });

  // History.
  await session("Cora", {
    status: SessionStatus.CLOSED,
    createdAt: at("12:00:00", "2026-03-01"),
    closedAt: at("12:05:00", "2026-03-01"),
    rating: { score: 5, createdAt: at("12:06:00", "2026-03-01") },
  });
  // Rated at 23:30 on 24 February in New York: inside the 30 days, one day before the 14-day trend.
  await session("Cyd", {
    status: SessionStatus.CLOSED,
    createdAt: at("04:00:00", "2026-02-25"),
    closedAt: at("04:10:00", "2026-02-25"),
    rating: { score: 4, createdAt: at("04:30:00", "2026-02-25") },
  });
  const carl = await session("Carl", {
    status: SessionStatus.CLOSED,
    assignedAgentId: bob.id,
    createdAt: at("12:00:00", "2026-02-20"),
    queuedAt: at("12:01:00", "2026-02-20"),
    assignedAt: at("12:02:00", "2026-02-20"),
    firstResponseAt: at("12:03:00", "2026-02-20"),
    closedAt: at("12:30:00", "2026-02-20"),
    rating: { score: 3, comment: "Okay", createdAt: at("12:31:00", "2026-02-20") },
  });
  // Created before the 30 days, ended inside them: counts for resolutions, not for handoffs.
  await session("Cy", {
    status: SessionStatus.CLOSED,
    createdAt: at("12:00:00", "2026-02-07"),
    closedAt: at("12:00:00", "2026-02-09"),
  });
  // Entirely before the 30 days.
  await session("Old", {
    status: SessionStatus.CLOSED,
    assignedAgentId: carol.id,
    createdAt: at("12:00:00", "2026-01-01"),
    queuedAt: at("12:01:00", "2026-01-01"),
    assignedAt: at("12:02:00", "2026-01-01"),
    closedAt: at("12:30:00", "2026-01-01"),
    rating: { score: 5, comment: "Ancient", createdAt: at("12:31:00", "2026-01-01") },
  });

  return { business, alice, bob, carol, w1, w2, w3, a1, a2, a3, cleo, cruz, cato, carl };
}

async function buildSouth(db: PrismaClient) {
  const business = await createBusiness(db, { name: "South", timezone: "Asia/Kolkata" });
  const businessId = business.id;
  // Sorts before Alice, so a leak would show first in North's list.
  const aaron = await createAgent(db, { businessId, displayName: "Aaron", status: AgentStatus.ONLINE, lastSeenAt: at("15:00:00") });
  const customerId = (await createCustomer(db, { businessId, name: "Sunny" })).id;
  const queued = await createChatSession(db, {
    businessId,
    customerId,
    status: SessionStatus.WAITING,
    priority: 5,
    createdAt: at("14:00:00"),
    queuedAt: at("14:00:00"),
    messages: [msg(CUSTOMER, "14:00:00", "South question")],
  });
  const active = await createChatSession(db, {
    businessId,
    customerId,
    status: SessionStatus.ACTIVE,
    assignedAgentId: aaron.id,
    createdAt: at("15:00:00"),
    firstResponseAt: at("15:01:00"),
    messages: [msg(CUSTOMER, "15:00:00"), msg(AGENT, "15:01:00"), msg(CUSTOMER, "15:29:00")],
  });
  await createChatSession(db, { businessId, customerId, status: SessionStatus.BOT, createdAt: at("15:10:00"), messages: [msg(CUSTOMER, "15:10:00")] });
  await createChatSession(db, {
    businessId,
    customerId,
    status: SessionStatus.CLOSED,
    assignedAgentId: aaron.id,
    createdAt: at("09:00:00"),
    queuedAt: at("09:01:00"),
    assignedAt: at("09:02:00"),
    firstResponseAt: at("09:03:00"),
    closedAt: at("09:30:00"),
    messages: [msg(CUSTOMER, "09:00:00"), msg(AGENT, "09:03:00")],
    rating: { score: 1, comment: "South comment", createdAt: at("09:31:00") },
  });
  return { business, aaron, queued, active };
}

describe("dashboard widgets", () => {
  let handBuilt: TestDatabase;
  let demo: TestDatabase;
  let north: Awaited<ReturnType<typeof buildNorth>>;
  let south: Awaited<ReturnType<typeof buildSouth>>;

  const load = <W extends WidgetName>(scope: { businessId: string }, widget: W): Promise<WidgetData[W]> => loadWidget(handBuilt.db, systemScope(scope.businessId, "tooling"), widget, NOW);
  const northWidget = <W extends WidgetName>(widget: W) => load({ businessId: north.business.id }, widget);
  const southWidget = <W extends WidgetName>(widget: W) => load({ businessId: south.business.id }, widget);

  before(async () => {
    [handBuilt, demo] = await Promise.all([createTestDatabase({ empty: true }), createTestDatabase()]);
    await applyMigrations(handBuilt.url);
    north = await buildNorth(handBuilt.db);
    south = await buildSouth(handBuilt.db);
  });
  after(async () => {
    await Promise.all([handBuilt.drop(), demo.drop()]);
  });

  it("overview: live counts, waits, today's figures in the business time zone, 30-day rates", async () => {
    assert.deepEqual(rounded(await northWidget("overview")), {
      active_sessions: 3,
      waiting_sessions: 3,
      bot_sessions: 1,
      agents: { online: 1, away: 1, offline: 1 },
      // Created since 04:00 UTC (midnight in New York): the 7 live sessions, Cleo, Cody, Cruz and Abe.
      sessions_today: 11,
      avg_wait_seconds: (600 + 120 + 1800) / 3,
      longest_wait_seconds: 1800,
      // The queue times those waits count from (clients count them up: now − queue time).
      mean_queued_at: new Date(NOW.getTime() - ((600 + 120 + 1800) / 3) * 1000).toISOString(),
      oldest_queued_at: new Date(NOW.getTime() - 1800 * 1000).toISOString(),
      // First answered today: Amy 60 s, Arno 120 s, Cody 60 s, Cruz 180 s (Cato's was yesterday, locally).
      avg_first_response_seconds_today: 105,
      closed_today: 3,
      abandoned_today: 1,
      resolution_rate_today: 0.75,
      // Cleo 5, Cody 4, Cruz 2.
      csat_today: rounded(2 / 3),
      ratings_today: 3,
      // Ended in the 30 days: Cleo, Cody, Cruz, Abe, Cato, Eve, Cora, Cyd, Carl, Cy; never queued: Cleo, Eve, Cora, Cyd, Cy.
      assistant_resolution_rate: 0.5,
      // Created in the 30 days: 7 live + Cleo, Cody, Cruz, Abe, Cato, Eve, Cora, Cyd, Carl; queued: 3 waiting, 3 active, Cody, Cruz, Abe, Cato, Carl.
      handoff_rate: rounded(11 / 16),
      time_zone: "America/New_York",
      generated_at: NOW.toISOString(),
    });
  });

  it("active_sessions: newest last message first, with customer, agent and message count", async () => {
    const { sessions, total } = await northWidget("active_sessions");
    assert.equal(total, 3);
    assert.deepEqual(
      sessions.map((s) => ({ id: s.id, agent: s.agent?.display_name ?? null, started_at: s.started_at, last: s.last_message_at, count: s.message_count })),
      [
        { id: north.a3.id, agent: "Bob", started_at: at("15:20:00").toISOString(), last: at("15:28:00").toISOString(), count: 3 },
        { id: north.a1.id, agent: "Alice", started_at: at("15:05:00").toISOString(), last: at("15:25:00").toISOString(), count: 4 },
        { id: north.a2.id, agent: "Alice", started_at: at("14:50:00").toISOString(), last: at("15:10:00").toISOString(), count: 3 },
      ],
    );
    assert.deepEqual(sessions[1].customer, { id: north.a1.customerId, name: "Amy", email: "amy@north.test" });
    assert.deepEqual(sessions[1].agent, { id: north.alice.id, display_name: "Alice" });
  });

  it("waiting_queue: priority first, then longest waiting, with the last customer message as preview", async () => {
    assert.ok(LONG_QUESTION.length > 140);
    const queue = await northWidget("waiting_queue");
    assert.equal(queue.total, 3);
    assert.equal(queue.longest_wait_seconds, 1800);
    assert.equal(queue.oldest_queued_at, new Date(NOW.getTime() - 1800 * 1000).toISOString());
    assert.deepEqual(
      queue.sessions.map(({ id, customer, priority, queued_at, wait_seconds, preview, handoff_reason }) => ({
        id,
        name: customer.name,
        priority,
        queued_at,
        wait_seconds,
        preview,
        handoff_reason,
      })),
      [
        { id: north.w2.id, name: "Walter", priority: 1, queued_at: at("15:28:00").toISOString(), wait_seconds: 120, preview: "I need a person now", handoff_reason: null },
        { id: north.w3.id, name: "Wanda", priority: 0, queued_at: at("15:00:00").toISOString(), wait_seconds: 1800, preview: null, handoff_reason: null },
        {
          id: north.w1.id,
          name: "Wendy",
          priority: 0,
          queued_at: at("15:20:00").toISOString(),
          wait_seconds: 600,
          preview: LONG_QUESTION.slice(0, 140),
          handoff_reason: "Parcel missing",
        },
      ],
    );
  });

  it("agent_performance: human agents by name with load, today's work and 30-day CSAT", async () => {
    const { agents } = await northWidget("agent_performance");
    assert.deepEqual(rounded(agents), [
      {
        id: north.alice.id,
        display_name: "Alice",
        status: "ONLINE",
        capacity: 3,
        last_seen_at: at("15:29:00").toISOString(),
        active_sessions: 2,
        // Cody; Cato ended before midnight in New York.
        handled_today: 1,
        avg_first_response_seconds_today: (60 + 120 + 60) / 3,
        avg_handle_seconds_today: 1800,
        // Cody 4, Cato 1.
        csat_30d: 0.5,
        ratings_30d: 2,
      },
      {
        id: north.bob.id,
        display_name: "Bob",
        status: "AWAY",
        capacity: 2,
        last_seen_at: at("15:00:00").toISOString(),
        active_sessions: 1,
        handled_today: 1,
        avg_first_response_seconds_today: 180,
        avg_handle_seconds_today: 1200,
        // Cruz 2, Carl 3.
        csat_30d: 0,
        ratings_30d: 2,
      },
      {
        id: north.carol.id,
        display_name: "Carol",
        status: "OFFLINE",
        capacity: 4,
        last_seen_at: null,
        active_sessions: 0,
        handled_today: 0,
        avg_first_response_seconds_today: null,
        avg_handle_seconds_today: null,
        csat_30d: null,
        ratings_30d: 0,
      },
    ]);
  });

  it("satisfaction: 30-day CSAT, average and distribution, 14 local days of trend, newest comments", async () => {
    const satisfaction = await northWidget("satisfaction");
    const emptyDay = (date: string): SatisfactionTrendDay => ({ date, csat: null, average: null, count: 0 });
    const days = ["02-25", "02-26", "02-27", "02-28", "03-01", "03-02", "03-03", "03-04", "03-05", "03-06", "03-07", "03-08", "03-09", "03-10"];
    const trend = days.map((day) => emptyDay(`2026-${day}`));
    trend[4] = { date: "2026-03-01", csat: 1, average: 5, count: 1 };
    // Cato's rating at 03:31 UTC on the 10th was 23:31 on the 9th in New York.
    trend[12] = { date: "2026-03-09", csat: 0, average: 1, count: 1 };
    trend[13] = { date: "2026-03-10", csat: rounded(2 / 3), average: rounded(11 / 3), count: 3 };
    assert.deepEqual(rounded(satisfaction), {
      window_days: 30,
      // Cleo 5, Cody 4, Cruz 2, Cato 1, Cora 5, Cyd 4, Carl 3.
      csat: rounded(4 / 7),
      average: rounded(24 / 7),
      total: 7,
      distribution: { "1": 1, "2": 1, "3": 1, "4": 2, "5": 2 },
      trend,
      recent_comments: [
        { session_id: north.cruz.id, score: 2, comment: "Slow", created_at: at("12:25:00").toISOString() },
        { session_id: north.cleo.id, score: 5, comment: "Great", created_at: at("10:11:00").toISOString() },
        { session_id: north.cato.id, score: 1, comment: "Bad", created_at: at("03:31:00").toISOString() },
        { session_id: north.carl.id, score: 3, comment: "Okay", created_at: at("12:31:00", "2026-02-20").toISOString() },
      ],
    });
  });

  it("message_analytics: 24 hour buckets ending with the current hour, per author", async () => {
    const analytics = await northWidget("message_analytics");
    const hours = Array.from({ length: 24 }, (_, i) => ({
      hour: new Date(at("16:00:00", "2026-03-09").getTime() + i * 3_600_000).toISOString(),
      customer: 0,
      agent: 0,
      assistant: 0,
      system: 0,
    }));
    const bucket = (time: string, day = "2026-03-10") => hours.find((h) => h.hour === at(time, day).toISOString())!;
    Object.assign(bucket("16:00:00", "2026-03-09"), { assistant: 1 }); // Eve: 15:59:59.999 is outside the window
    Object.assign(bucket("03:00:00"), { customer: 1, agent: 1 });
    Object.assign(bucket("10:00:00"), { customer: 1, assistant: 1 });
    Object.assign(bucket("11:00:00"), { customer: 1, agent: 1, system: 1 });
    Object.assign(bucket("12:00:00"), { customer: 1, agent: 1 });
    Object.assign(bucket("13:00:00"), { customer: 1, system: 1 });
    Object.assign(bucket("14:00:00"), { customer: 1, agent: 1, system: 1 });
    // Wendy 2/0/1/1, Walter 1/0/0/1, Amy 2/1/0/1, Arno 0/1/0/0, Ada 2/0/0/1, Bea 1/0/0/0 (her 15:45 reply is after NOW).
    Object.assign(bucket("15:00:00"), { customer: 8, agent: 2, assistant: 1, system: 4 });
    assert.deepEqual(rounded(analytics), {
      window_hours: 24,
      per_hour: hours,
      total_messages_24h: 30,
      // 30 messages from 13 sessions: Eve, Cato, Cleo, Cody, Cruz, Abe, Wanda, Arno, Wendy, Walter, Amy, Ada, Bea.
      messages_per_session: rounded(30 / 13),
      assistant_resolution_rate: 0.5,
      handoff_rate: rounded(11 / 16),
    });
  });

  it("never mixes businesses: the other business sees only its own rows", async () => {
    const overview = await southWidget("overview");
    assert.deepEqual(
      { active: overview.active_sessions, waiting: overview.waiting_sessions, bot: overview.bot_sessions, agents: overview.agents },
      { active: 1, waiting: 1, bot: 1, agents: { online: 1, away: 0, offline: 0 } },
    );
    assert.equal(overview.ratings_today, 1);
    assert.equal(overview.closed_today, 1);
    assert.equal(overview.handoff_rate, 3 / 4);
    assert.equal(overview.assistant_resolution_rate, 0);

    const active = await southWidget("active_sessions");
    assert.deepEqual([active.total, active.sessions.map((s) => s.id)], [1, [south.active.id]]);
    const queue = await southWidget("waiting_queue");
    assert.deepEqual([queue.total, queue.sessions.map((s) => s.preview)], [1, ["South question"]]);
    const { agents } = await southWidget("agent_performance");
    assert.deepEqual(
      agents.map((a) => [a.display_name, a.active_sessions, a.handled_today, a.ratings_30d]),
      [["Aaron", 1, 1, 1]],
    );
    const satisfaction = await southWidget("satisfaction");
    assert.deepEqual([satisfaction.total, satisfaction.recent_comments.map((c) => c.comment)], [1, ["South comment"]]);

    // UTC+05:30: the current local hour began at 15:30 UTC, so every bucket starts at half past.
    const analytics = await southWidget("message_analytics");
    assert.equal(analytics.per_hour[0].hour, "2026-03-09T16:30:00.000Z");
    assert.equal(analytics.per_hour[23].hour, "2026-03-10T15:30:00.000Z");
    assert.equal(analytics.total_messages_24h, 7);
    assert.equal(analytics.messages_per_session, 7 / 4);
    assert.deepEqual(analytics.per_hour[23], { hour: "2026-03-10T15:30:00.000Z", customer: 0, agent: 0, assistant: 0, system: 0 });

    // And North's lists hold none of South's rows (its figures above are exact, so its counts hold none either).
    const southIds = new Set([south.aaron.id, south.queued.id, south.active.id]);
    const northLists = [
      ...(await northWidget("active_sessions")).sessions.map((s) => s.id),
      ...(await northWidget("waiting_queue")).sessions.map((s) => s.id),
      ...(await northWidget("agent_performance")).agents.map((a) => a.id),
    ];
    assert.ok(northLists.every((id) => !southIds.has(id)));
  });

  it("a business without any activity gets zeros, nulls and complete bucket series", async () => {
    const quiet = await createBusiness(handBuilt.db, { timezone: "Europe/Berlin" });
    const overview = await load({ businessId: quiet.id }, "overview");
    assert.equal(overview.sessions_today, 0);
    assert.deepEqual([overview.avg_wait_seconds, overview.mean_queued_at, overview.oldest_queued_at], [null, null, null]);
    assert.equal(overview.resolution_rate_today, null);
    assert.equal(overview.csat_today, null);
    assert.equal(overview.handoff_rate, null);
    const satisfaction = await load({ businessId: quiet.id }, "satisfaction");
    assert.deepEqual([satisfaction.total, satisfaction.csat, satisfaction.average, satisfaction.trend.length], [0, null, null, 14]);
    assert.equal(satisfaction.trend[13].date, "2026-03-10");
    const analytics = await load({ businessId: quiet.id }, "message_analytics");
    assert.deepEqual([analytics.per_hour.length, analytics.total_messages_24h, analytics.messages_per_session], [24, 0, null]);
    const queue = await load({ businessId: quiet.id }, "waiting_queue");
    assert.deepEqual([queue.longest_wait_seconds, queue.oldest_queued_at], [null, null]);
    for (const widget of WIDGETS) widgetDataSchemas[widget].parse(await load({ businessId: quiet.id }, widget));
  });

  it("every widget of the demo acme business matches its schema", async () => {
    const acme = await demo.db.business.findUniqueOrThrow({ where: { slug: "acme" } });
    for (const widget of WIDGETS) {
      const data = await loadWidget(demo.db, systemScope(acme.id, "tooling"), widget);
      const result = widgetDataSchemas[widget].safeParse(data);
      assert.ok(result.success, `${widget}: ${result.error?.message}`);
    }
    const overview = await loadWidget(demo.db, systemScope(acme.id, "tooling"), "overview");
    assert.deepEqual([overview.waiting_sessions, overview.active_sessions, overview.bot_sessions], [5, 4, 2]);
    const queue = await loadWidget(demo.db, systemScope(acme.id, "tooling"), "waiting_queue");
    assert.equal(queue.sessions[0].priority, 1);
  });
});
