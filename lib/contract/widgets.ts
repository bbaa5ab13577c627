/**
 * The six admin dashboard widgets and the wire shape of each one's data (snake_case keys, ISO
 * timestamps, durations in seconds, rates as fractions). Universal: used by the server loaders,
 * the socket/HTTP payload types, the browser and the tests. Field definitions: docs/metrics.md.
 */
import { z } from "zod";
import { AgentStatus } from "../db/generated/enums";
import { TAG_COLOR_NAMES } from "./tags";

export const WIDGETS = ["overview", "active_sessions", "waiting_queue", "agent_performance", "satisfaction", "message_analytics"] as const;
export type WidgetName = (typeof WIDGETS)[number];

const count = z.number().int().nonnegative();
/** An ISO 8601 instant in UTC, e.g. "2026-11-24T09:30:00.000Z". */
const instant = z.iso.datetime();
/** A duration in seconds; null when there is nothing to measure. */
const seconds = z.number().nonnegative().nullable();
/** A fraction 0..1; null when its denominator is zero. */
const rate = z.number().min(0).max(1).nullable();
/** A mean 1..5 star score; null when there are no ratings. */
const averageScore = z.number().min(1).max(5).nullable();
const agentStatus = z.enum(AgentStatus);
/** The business's tags on a chat, by name (lib/contract/tags.ts). */
const sessionTags = z.array(z.object({ id: z.uuid(), name: z.string(), color: z.enum(TAG_COLOR_NAMES) }));

export const overviewSchema = z.object({
  active_sessions: count,
  waiting_sessions: count,
  bot_sessions: count,
  agents: z.object({ online: count, away: count, offline: count }),
  sessions_today: count,
  avg_wait_seconds: seconds,
  longest_wait_seconds: seconds,
  /** The queue times the two waits count from (a client counts them up itself: wait = now − queue time). */
  mean_queued_at: instant.nullable(),
  oldest_queued_at: instant.nullable(),
  avg_first_response_seconds_today: seconds,
  closed_today: count,
  abandoned_today: count,
  resolution_rate_today: rate,
  csat_today: rate,
  ratings_today: count,
  assistant_resolution_rate: rate,
  handoff_rate: rate,
  time_zone: z.string(),
  generated_at: instant,
});
export type Overview = z.infer<typeof overviewSchema>;

export const activeSessionSchema = z.object({
  id: z.uuid(),
  customer: z.object({ id: z.uuid(), name: z.string().nullable(), email: z.string().nullable() }),
  agent: z.object({ id: z.uuid(), display_name: z.string() }).nullable(),
  started_at: instant,
  last_message_at: instant,
  message_count: count,
  priority: z.number().int(),
  tags: sessionTags,
});
export type ActiveSession = z.infer<typeof activeSessionSchema>;

export const activeSessionsSchema = z.object({
  sessions: z.array(activeSessionSchema),
  total: count,
});
export type ActiveSessions = z.infer<typeof activeSessionsSchema>;

/** Characters of the customer's last message that a queue entry shows. */
export const QUEUE_PREVIEW_LENGTH = 140;

export const queuedSessionSchema = z.object({
  id: z.uuid(),
  customer: z.object({ id: z.uuid(), name: z.string().nullable() }),
  priority: z.number().int(),
  queued_at: instant,
  wait_seconds: z.number().nonnegative(),
  preview: z.string().max(QUEUE_PREVIEW_LENGTH).nullable(),
  handoff_reason: z.string().nullable(),
  tags: sessionTags,
  /** It came in as an offline message while the desk was closed (business hours); kept once it is queued. */
  offline_at: instant.nullable(),
  /** An offline message not in the queue yet: it waits for the desk to open (queued_at is when it came in). */
  held_offline: z.boolean(),
});
export type QueuedSession = z.infer<typeof queuedSessionSchema>;

export const waitingQueueSchema = z.object({
  sessions: z.array(queuedSessionSchema),
  total: count,
  longest_wait_seconds: seconds,
  /** The queue time the longest wait counts from. */
  oldest_queued_at: instant.nullable(),
  /** Offline messages waiting for the desk to open (not in the queue, not counted in total), oldest first, the first 100. */
  offline: z.array(queuedSessionSchema),
  offline_total: count,
});
export type WaitingQueue = z.infer<typeof waitingQueueSchema>;

export const agentPerformanceRowSchema = z.object({
  id: z.uuid(),
  display_name: z.string(),
  status: agentStatus,
  active_sessions: count,
  capacity: count,
  handled_today: count,
  avg_first_response_seconds_today: seconds,
  avg_handle_seconds_today: seconds,
  csat_30d: rate,
  ratings_30d: count,
  last_seen_at: instant.nullable(),
});
export type AgentPerformanceRow = z.infer<typeof agentPerformanceRowSchema>;

export const agentPerformanceSchema = z.object({
  agents: z.array(agentPerformanceRowSchema),
});
export type AgentPerformance = z.infer<typeof agentPerformanceSchema>;

export const satisfactionTrendDaySchema = z.object({
  /** A calendar day in the business's time zone. */
  date: z.iso.date(),
  csat: rate,
  average: averageScore,
  count,
});
export type SatisfactionTrendDay = z.infer<typeof satisfactionTrendDaySchema>;

export const satisfactionCommentSchema = z.object({
  session_id: z.uuid(),
  score: z.number().int().min(1).max(5),
  comment: z.string().min(1),
  created_at: instant,
});
export type SatisfactionComment = z.infer<typeof satisfactionCommentSchema>;

export const satisfactionSchema = z.object({
  window_days: z.literal(30),
  csat: rate,
  average: averageScore,
  total: count,
  distribution: z.object({ "1": count, "2": count, "3": count, "4": count, "5": count }),
  trend: z.array(satisfactionTrendDaySchema).length(14),
  recent_comments: z.array(satisfactionCommentSchema).max(10),
});
export type Satisfaction = z.infer<typeof satisfactionSchema>;

export const messageHourSchema = z.object({
  hour: instant,
  customer: count,
  agent: count,
  assistant: count,
  system: count,
});
export type MessageHour = z.infer<typeof messageHourSchema>;

export const messageAnalyticsSchema = z.object({
  window_hours: z.literal(24),
  per_hour: z.array(messageHourSchema).length(24),
  total_messages_24h: count,
  messages_per_session: z.number().nonnegative().nullable(),
  assistant_resolution_rate: rate,
  handoff_rate: rate,
});
export type MessageAnalytics = z.infer<typeof messageAnalyticsSchema>;

export type WidgetData = {
  overview: Overview;
  active_sessions: ActiveSessions;
  waiting_queue: WaitingQueue;
  agent_performance: AgentPerformance;
  satisfaction: Satisfaction;
  message_analytics: MessageAnalytics;
};

/** Each widget's schema, typed to its data (still usable as a Record<WidgetName, z.ZodType>). */
export const widgetDataSchemas: { [W in WidgetName]: z.ZodType<WidgetData[W]> } = {
  overview: overviewSchema,
  active_sessions: activeSessionsSchema,
  waiting_queue: waitingQueueSchema,
  agent_performance: agentPerformanceSchema,
  satisfaction: satisfactionSchema,
  message_analytics: messageAnalyticsSchema,
};
