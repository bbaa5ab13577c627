import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AgentPerformanceRow, MessageHour, Overview, Satisfaction, WaitingQueue } from "../../contract/widgets";
import { answerIntent, formatDuration, formatRate, INTENT_WIDGETS, matchIntent, SUGGESTED_QUESTIONS, type DashboardIntent } from "./intents";

const overview = (patch: Partial<Overview> = {}): Overview => ({
  active_sessions: 4,
  waiting_sessions: 3,
  bot_sessions: 2,
  agents: { online: 2, away: 1, offline: 1 },
  sessions_today: 20,
  avg_wait_seconds: 90,
  longest_wait_seconds: 250,
  mean_queued_at: "2026-03-10T15:28:30.000Z",
  oldest_queued_at: "2026-03-10T15:25:50.000Z",
  avg_first_response_seconds_today: 65,
  closed_today: 6,
  abandoned_today: 2,
  resolution_rate_today: 0.75,
  csat_today: 0.8,
  ratings_today: 5,
  assistant_resolution_rate: 0.4,
  handoff_rate: 0.553,
  time_zone: "Europe/Berlin",
  generated_at: "2026-03-10T15:30:00.000Z",
  ...patch,
});

const agent = (name: string, patch: Partial<AgentPerformanceRow> = {}): AgentPerformanceRow => ({
  id: "00000000-0000-4000-8000-000000000001",
  display_name: name,
  status: "ONLINE",
  active_sessions: 1,
  capacity: 3,
  handled_today: 2,
  avg_first_response_seconds_today: null,
  avg_handle_seconds_today: null,
  csat_30d: null,
  ratings_30d: 0,
  last_seen_at: null,
  ...patch,
});

const hour = (iso: string, customer: number): MessageHour => ({ hour: iso, customer, agent: 0, assistant: 0, system: 0 });
const emptyHours = () => Array.from({ length: 24 }, (_, i) => hour(new Date(Date.UTC(2026, 2, 10, i)).toISOString(), 0));

describe("matchIntent", () => {
  const cases: [string, DashboardIntent | null][] = [
    ["How many chats are waiting?", "waiting"],
    ["what's the longest wait", "waiting"],
    ["Queue length?", "waiting"],
    ["How many active chats right now?", "active_chats"],
    ["How many agents are online?", "agents_online"],
    ["Who is available?", "agents_online"],
    ["What is our CSAT today?", "satisfaction"],
    ["customer satisfaction over 30 days", "satisfaction"],
    ["Resolution rate today", "resolution_today"],
    ["What is the assistant resolution rate?", "assistant_rates"],
    ["How often does the bot hand off?", "assistant_rates"],
    ["handoff rate", "assistant_rates"],
    ["How many messages in the last 24 h?", "messages_24h"],
    ["What was the busiest hour?", "messages_24h"],
    ["Which agent responds fastest?", "response_times"],
    ["Who is the slowest agent?", "response_times"],
    ["average first response time", "response_times"],
    ["help", "help"],
    ["What can you do?", "help"],
    ["What is our revenue this month?", null],
    ["Tell me a joke", null],
  ];
  for (const [question, intent] of cases) {
    it(`"${question}" → ${intent}`, () => assert.equal(matchIntent(question), intent));
  }

  it("matches every suggested question to an intent that needs data", () => {
    for (const question of SUGGESTED_QUESTIONS) {
      const intent = matchIntent(question);
      assert.ok(intent && intent !== "help", question);
      assert.ok(INTENT_WIDGETS[intent].length > 0, question);
    }
  });
});

describe("formatting", () => {
  it("writes rates as whole percentages and null as no data", () => {
    assert.equal(formatRate(0.553), "55%");
    assert.equal(formatRate(1), "100%");
    assert.equal(formatRate(0), "0%");
    assert.equal(formatRate(null), "no data yet");
  });
  it("writes durations in words", () => {
    assert.equal(formatDuration(0.4), "0 seconds");
    assert.equal(formatDuration(1), "1 second");
    assert.equal(formatDuration(59.6), "1 minute");
    assert.equal(formatDuration(125), "2 minutes 5 seconds");
    assert.equal(formatDuration(3600), "1 hour");
    assert.equal(formatDuration(3 * 3600 + 61), "3 hours 1 minute");
    assert.equal(formatDuration(null), "no data yet");
  });
});

describe("answerIntent", () => {
  it("answers the waiting queue with its total and longest wait", () => {
    const queue: WaitingQueue = { sessions: [], total: 3, longest_wait_seconds: 250, oldest_queued_at: "2026-03-10T15:25:50.000Z", offline: [], offline_total: 0 };
    assert.equal(answerIntent("waiting", { waiting_queue: queue }), "3 chats are waiting in the queue. The longest wait so far: 4 minutes 10 seconds.");
    assert.equal(
      answerIntent("waiting", { waiting_queue: { sessions: [], total: 0, longest_wait_seconds: null, oldest_queued_at: null, offline: [], offline_total: 0 } }),
      "0 chats are waiting in the queue.",
    );
    assert.match(answerIntent("waiting", { waiting_queue: { ...queue, total: 1 } }), /^1 chat is waiting/);
  });

  it("answers active chats from the overview", () => {
    assert.equal(answerIntent("active_chats", { overview: overview() }), "4 chats are active with an agent right now; 2 more with the assistant and 3 waiting.");
  });

  it("names the online agents and their free capacity", () => {
    const agents = [agent("Alex", { active_sessions: 1, capacity: 3 }), agent("Maya", { active_sessions: 4, capacity: 3 }), agent("Liam", { status: "AWAY" }), agent("Sofia", { status: "OFFLINE" })];
    assert.equal(answerIntent("agents_online", { agent_performance: { agents } }), "2 of 4 agents are online: Alex, Maya (1 away, 1 offline). Together they can take 2 more chats.");
    assert.equal(answerIntent("agents_online", { agent_performance: { agents: [agent("Liam", { status: "OFFLINE" })] } }), "No agents are online right now (0 away, 1 offline, 1 agent in all).");
  });

  it("answers CSAT today and over 30 days, saying no data yet for missing ratings", () => {
    const satisfaction = { window_days: 30, csat: 0.857, average: 4.31, total: 120 } as Satisfaction;
    const answer = answerIntent("satisfaction", { overview: overview(), satisfaction });
    assert.match(answer, /CSAT today: 80% from 5 ratings\./);
    assert.match(answer, /Last 30 days: 86% from 120 ratings, average score 4\.3 out of 5\./);
    const none = answerIntent("satisfaction", { overview: overview({ csat_today: null, ratings_today: 0 }), satisfaction: { ...satisfaction, csat: null, average: null, total: 0 } });
    assert.match(none, /CSAT today: no data yet/);
    assert.match(none, /Last 30 days: no data yet/);
  });

  it("answers today's resolution rate and the assistant's 30-day rates", () => {
    assert.equal(answerIntent("resolution_today", { overview: overview() }), "Resolution rate today: 75% (6 chats closed, 2 abandoned).");
    assert.match(answerIntent("resolution_today", { overview: overview({ resolution_rate_today: null }) }), /no data yet/);
    const rates = answerIntent("assistant_rates", { overview: overview() });
    assert.match(rates, /finished 40% of the ended chats/);
    assert.match(rates, /55% of new chats were handed off/);
    assert.match(answerIntent("assistant_rates", { overview: overview({ assistant_resolution_rate: null, handoff_rate: null }) }), /finished no data yet/);
  });

  it("answers messages in 24 h with the busiest hour in the business time zone", () => {
    const per_hour = emptyHours();
    per_hour[14] = { ...hour(per_hour[14].hour, 30), agent: 10 };
    per_hour[20] = hour(per_hour[20].hour, 12);
    const analytics = { window_hours: 24 as const, per_hour, total_messages_24h: 1052, messages_per_session: 8.25, assistant_resolution_rate: null, handoff_rate: null };
    assert.equal(
      answerIntent("messages_24h", { message_analytics: analytics, overview: overview() }),
      "1,052 messages in the last 24 hours (8.3 per chat). The busiest hour began at 15:00 (Europe/Berlin) with 40 messages.",
    );
    const quiet = { ...analytics, per_hour: emptyHours(), total_messages_24h: 0, messages_per_session: null };
    assert.match(answerIntent("messages_24h", { message_analytics: quiet, overview: overview() }), /^0 messages in the last 24 hours.*no data yet/);
  });

  it("names the fastest and slowest agent by first response time today", () => {
    const agents = [agent("Alex", { avg_first_response_seconds_today: 95 }), agent("Maya", { avg_first_response_seconds_today: 32 }), agent("Liam")];
    assert.equal(
      answerIntent("response_times", { agent_performance: { agents }, overview: overview() }),
      "Average first response today: 1 minute 5 seconds. Fastest: Maya (32 seconds on average). Slowest: Alex (1 minute 35 seconds on average).",
    );
    assert.match(
      answerIntent("response_times", { agent_performance: { agents: [agent("Liam")] }, overview: overview({ avg_first_response_seconds_today: null }) }),
      /Average first response today: no data yet\. No agent has a first response today yet/,
    );
  });

  it("says plainly what it cannot answer and lists what it can", () => {
    const unknown = answerIntent(null, {});
    assert.match(unknown, /^I can't answer that/);
    for (const topic of ["waiting", "online", "CSAT", "resolution rate", "handoff", "busiest hour", "first response"]) assert.ok(unknown.includes(topic), topic);
    assert.match(answerIntent("help", {}), /Ask me about/);
  });
});
