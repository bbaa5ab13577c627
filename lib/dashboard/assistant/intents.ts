/**
 * The builtin "Ask about your dashboard" assistant: which question asks for what (keyword rules),
 * which widgets that needs, and the answer worded from those widgets' real figures. Pure and
 * universal (unit-tested); the server loads the widgets, the panel shows the suggestions.
 * Field meanings: docs/metrics.md.
 */
import type { WidgetData, WidgetName } from "../../contract/widgets";

export const DASHBOARD_INTENTS = ["waiting", "active_chats", "agents_online", "satisfaction", "resolution_today", "assistant_rates", "messages_24h", "response_times", "help"] as const;
export type DashboardIntent = (typeof DASHBOARD_INTENTS)[number];

/** Every widget an intent's answer reads; nothing else is loaded for it. */
export const INTENT_WIDGETS: Record<DashboardIntent, readonly WidgetName[]> = {
  waiting: ["waiting_queue"],
  active_chats: ["overview"],
  agents_online: ["agent_performance"],
  satisfaction: ["overview", "satisfaction"],
  resolution_today: ["overview"],
  assistant_rates: ["overview"],
  // The overview only for its time zone, to name the busiest hour in local time.
  messages_24h: ["message_analytics", "overview"],
  response_times: ["agent_performance", "overview"],
  help: [],
};

/** What the builtin assistant can answer, as listed in its help and "can't answer" replies. */
const CAPABILITIES: Record<Exclude<DashboardIntent, "help">, string> = {
  waiting: "how many chats are waiting and the longest wait",
  active_chats: "how many chats are active right now",
  agents_online: "which agents are online and their free capacity",
  satisfaction: "CSAT today and over the last 30 days",
  resolution_today: "today's resolution rate",
  assistant_rates: "the assistant's resolution and handoff rates (30 days)",
  messages_24h: "messages in the last 24 hours and the busiest hour",
  response_times: "the fastest and slowest agent by first response time today",
};

/** Questions the panel offers as one-click buttons (each matches its own intent). */
export const SUGGESTED_QUESTIONS = ["How many chats are waiting?", "How many agents are online?", "What is our CSAT?", "Which agent responds fastest?", "What was the busiest hour?"] as const;

/**
 * Keyword rules, most specific first: a rule matches when every one of its patterns occurs in the
 * question. E.g. "assistant resolution rate" must win over "resolution rate", and "which agent is
 * fastest" over "agents online".
 */
const RULES: { intent: DashboardIntent; all: RegExp[] }[] = [
  { intent: "help", all: [/\bhelp\b|\bwhat can (you|i) (do|ask|answer)\b|\bwhat do you know\b/] },
  { intent: "assistant_rates", all: [/\b(hand ?-?offs?|handed (off|over)|escalat\w*)/] },
  { intent: "assistant_rates", all: [/\b(assistant|bot|ai|automat\w*)\b/, /\b(resol\w*|solv\w*|rates?|finish\w*|alone|own)\b/] },
  { intent: "response_times", all: [/\bfirst (response|reply|answer)/] },
  { intent: "response_times", all: [/\b(fast\w*|quick\w*|slow\w*|best|worst|top)\b/, /\b(agents?|who|staff|team|respon\w*|repl\w*)\b/] },
  { intent: "response_times", all: [/\b(response|reply) times?\b/] },
  { intent: "waiting", all: [/\b(wait\w*|queue\w*|in line)\b/] },
  { intent: "agents_online", all: [/\b(online|available|availability|away|offline|on shift|logged in|capacity)\b/] },
  { intent: "satisfaction", all: [/\b(csat|satisf\w*|ratings?|rated|happy|stars?|scores?)\b/] },
  { intent: "resolution_today", all: [/\b(resol\w*|solved|closed|abandon\w*)\b/] },
  { intent: "messages_24h", all: [/\b(messages?|traffic|volume|busiest|busy|peak)\b/] },
  { intent: "active_chats", all: [/\b(active|ongoing|open|in progress|live|right now|being handled)\b/] },
];

/** The intent a question asks for, or null when no rule matches (answered with what it can do). */
export function matchIntent(question: string): DashboardIntent | null {
  const text = question
    .toLowerCase()
    .replace(/[’']/g, "")
    .replace(/[^a-z0-9 ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return RULES.find((rule) => rule.all.every((pattern) => pattern.test(text)))?.intent ?? null;
}

const NO_DATA = "no data yet";
const numberFormat = new Intl.NumberFormat("en-US");

export const formatCount = (n: number) => numberFormat.format(n);
const countOf = (n: number, singular: string, plural = `${singular}s`) => `${formatCount(n)} ${n === 1 ? singular : plural}`;

/** A fraction 0..1 as a whole percentage; null → "no data yet". */
export function formatRate(rate: number | null): string {
  return rate === null ? NO_DATA : `${Math.round(rate * 100)}%`;
}

/** Seconds in words, to the second below a minute and to the minute from an hour: "3 minutes 5 seconds". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return NO_DATA;
  const total = Math.round(seconds);
  if (total < 60) return countOf(total, "second");
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return [countOf(minutes, "minute"), total % 60 ? countOf(total % 60, "second") : ""].filter(Boolean).join(" ");
  const hours = Math.floor(minutes / 60);
  return [countOf(hours, "hour"), minutes % 60 ? countOf(minutes % 60, "minute") : ""].filter(Boolean).join(" ");
}

/** The clock time an instant starts in a time zone ("14:00"); UTC with its name when the zone is unknown. */
function formatHour(iso: string, timeZone: string): string {
  const options = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" } as const;
  try {
    return `${new Intl.DateTimeFormat("en-GB", { ...options, timeZone }).format(new Date(iso))} (${timeZone})`;
  } catch {
    return `${new Intl.DateTimeFormat("en-GB", { ...options, timeZone: "UTC" }).format(new Date(iso))} (UTC)`;
  }
}

function capabilityList(): string {
  return Object.values(CAPABILITIES)
    .map((c) => `• ${c}`)
    .join("\n");
}

/** The widgets an intent's answer reads, as loaded for it. */
export type IntentData = Partial<WidgetData>;

function need<W extends WidgetName>(data: IntentData, widget: W): WidgetData[W] {
  const value = data[widget];
  if (value === undefined) throw new Error(`The ${widget} widget was not loaded`);
  return value as WidgetData[W];
}

/** The answer to an intent (null = a question no rule matched), worded from the widgets it needs. */
export function answerIntent(intent: DashboardIntent | null, data: IntentData): string {
  switch (intent) {
    case null:
      return `I can't answer that from the dashboard's figures. I can tell you:\n${capabilityList()}`;
    case "help":
      return `I answer from this dashboard's current figures. Ask me about:\n${capabilityList()}`;
    case "waiting": {
      const queue = need(data, "waiting_queue");
      const head = `${countOf(queue.total, "chat")} ${queue.total === 1 ? "is" : "are"} waiting in the queue.`;
      return queue.total === 0 ? head : `${head} The longest wait so far: ${formatDuration(queue.longest_wait_seconds)}.`;
    }
    case "active_chats": {
      const o = need(data, "overview");
      return `${countOf(o.active_sessions, "chat")} ${o.active_sessions === 1 ? "is" : "are"} active with an agent right now; ${formatCount(o.bot_sessions)} more with the assistant and ${formatCount(o.waiting_sessions)} waiting.`;
    }
    case "agents_online": {
      const agents = need(data, "agent_performance").agents;
      const online = agents.filter((a) => a.status === "ONLINE");
      const away = agents.filter((a) => a.status === "AWAY").length;
      const offline = agents.filter((a) => a.status === "OFFLINE").length;
      if (online.length === 0) return `No agents are online right now (${formatCount(away)} away, ${formatCount(offline)} offline, ${countOf(agents.length, "agent")} in all).`;
      const free = online.reduce((sum, a) => sum + Math.max(0, a.capacity - a.active_sessions), 0);
      return (
        `${formatCount(online.length)} of ${countOf(agents.length, "agent")} ${online.length === 1 ? "is" : "are"} online: ${online.map((a) => a.display_name).join(", ")}` +
        ` (${formatCount(away)} away, ${formatCount(offline)} offline). Together they can take ${countOf(free, "more chat")}.`
      );
    }
    case "satisfaction": {
      const o = need(data, "overview");
      const s = need(data, "satisfaction");
      const today = o.ratings_today === 0 ? `CSAT today: ${NO_DATA} (no ratings today).` : `CSAT today: ${formatRate(o.csat_today)} from ${countOf(o.ratings_today, "rating")}.`;
      const month =
        s.total === 0
          ? `Last 30 days: ${NO_DATA} (no ratings).`
          : `Last 30 days: ${formatRate(s.csat)} from ${countOf(s.total, "rating")}, average score ${s.average === null ? NO_DATA : s.average.toFixed(1)} out of 5.`;
      return `${today} ${month} CSAT is the share of ratings with 4 or 5 stars.`;
    }
    case "resolution_today": {
      const o = need(data, "overview");
      return o.resolution_rate_today === null
        ? `Resolution rate today: ${NO_DATA} — no chat has ended today.`
        : `Resolution rate today: ${formatRate(o.resolution_rate_today)} (${countOf(o.closed_today, "chat")} closed, ${formatCount(o.abandoned_today)} abandoned).`;
    }
    case "assistant_rates": {
      const o = need(data, "overview");
      return (
        `Over the last 30 days the assistant finished ${formatRate(o.assistant_resolution_rate)} of the ended chats on its own ` +
        `(assistant resolution rate), and ${formatRate(o.handoff_rate)} of new chats were handed off to a person (handoff rate).`
      );
    }
    case "messages_24h": {
      const m = need(data, "message_analytics");
      if (m.total_messages_24h === 0) return `${countOf(0, "message")} in the last 24 hours, so there is no busiest hour (${NO_DATA}).`;
      const sizeOf = (h: (typeof m.per_hour)[number]) => h.customer + h.agent + h.assistant + h.system;
      // The first of equally busy hours (the buckets are oldest first).
      const busiest = m.per_hour.reduce((best, h) => (sizeOf(h) > sizeOf(best) ? h : best));
      const perChat = m.messages_per_session === null ? "" : ` (${m.messages_per_session.toFixed(1)} per chat)`;
      return `${countOf(m.total_messages_24h, "message")} in the last 24 hours${perChat}. The busiest hour began at ${formatHour(busiest.hour, need(data, "overview").time_zone)} with ${countOf(sizeOf(busiest), "message")}.`;
    }
    case "response_times": {
      const timed = need(data, "agent_performance").agents.filter((a) => a.avg_first_response_seconds_today !== null);
      const team = `Average first response today: ${formatDuration(need(data, "overview").avg_first_response_seconds_today)}.`;
      if (timed.length === 0) return `${team} No agent has a first response today yet, so there is no fastest or slowest agent.`;
      const bySpeed = [...timed].sort((a, b) => a.avg_first_response_seconds_today! - b.avg_first_response_seconds_today!);
      const line = (label: string, a: (typeof timed)[number]) => `${label}: ${a.display_name} (${formatDuration(a.avg_first_response_seconds_today)} on average).`;
      return bySpeed.length === 1 ? `${team} ${line("Only one agent has responded today", bySpeed[0])}` : `${team} ${line("Fastest", bySpeed[0])} ${line("Slowest", bySpeed.at(-1)!)}`;
    }
  }
}
