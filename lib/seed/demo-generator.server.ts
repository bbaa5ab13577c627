import { randomUUID } from "node:crypto";
import type { Prisma } from "../db/generated/client";
import { AgentStatus, SessionStatus } from "../db/generated/enums";
import { BUSINESS_PLANS, DEMO_USERS, EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, type DemoBusinessPlan, type DemoUserSpec, type Topic } from "./demo-content";
import {
  abandoned,
  active,
  assistantResolved,
  ConversationWriter,
  handedOff,
  keepMessagesInOrder,
  latestMoment,
  rateConversation,
  retime,
  waiting,
  withAssistant,
  type ConversationDraft,
  type CustomerDraft,
  type HumanAgent,
} from "./demo-conversations";
import { DAY, HOUR, MINUTE, SECOND } from "./durations";
import { SeededRandom } from "./seeded-random";

/**
 * Turns the demo content into rows: who joined when, a month of chat history and a live queue.
 * Content comes from seeded PRNGs so every seed looks the same, while timestamps are relative to
 * `now` so the dashboards always look current. Changing the order of any draw changes the data.
 */

const HISTORY_DAYS = 30;
// Businesses' articles and staff share one PRNG; each business's conversations have their own.
const STAFF_AND_ARTICLES_SEED = 7_919;

// ---------------------------------------------------------------------------------------------
// Businesses and staff

export interface BusinessDraft {
  plan: DemoBusinessPlan;
  createdAt: Date;
  articles: { title: string; body: string; createdAt: Date; updatedAt: Date }[];
}

export interface StaffDraft extends Omit<DemoUserSpec, "agent"> {
  joinedAt: Date;
  agent: StaffAgentDraft | null;
}

export interface StaffAgentDraft extends NonNullable<DemoUserSpec["agent"]> {
  lastSeenAt: Date;
  statusHistory: { status: AgentStatus; at: Date }[];
}

/** The businesses with their help articles, and the staff with their status history. */
export function generateBusinessesAndStaff(now: number): { businesses: BusinessDraft[]; staff: StaffDraft[] } {
  const random = new SeededRandom(STAFF_AND_ARTICLES_SEED);
  const businesses = BUSINESS_PLANS.map((plan): BusinessDraft => ({
    plan,
    createdAt: new Date(now - 120 * DAY),
    articles: plan.articles.map((article) => ({
      title: article.title,
      body: article.body,
      createdAt: new Date(now - random.int(60, 110) * DAY),
      updatedAt: new Date(now - random.int(1, 50) * DAY),
    })),
  }));
  const staff = DEMO_USERS.map((user): StaffDraft => {
    const joinedAt = new Date(now - random.int(60, 110) * DAY);
    if (!user.agent) return { ...user, joinedAt, agent: null };
    const timeline = statusTimeline(random, user.agent.status, now);
    const current = timeline[timeline.length - 1];
    const lastSeenAt = lastSeen(random, current.status, current.at, now);
    const statusHistory = timeline.map((event) => ({ status: event.status, at: new Date(event.at) }));
    return { ...user, joinedAt, agent: { ...user.agent, lastSeenAt, statusHistory } };
  });
  return { businesses, staff };
}

/** How conversations refer to a staff member's agent (by first name). */
export function humanAgent(agentId: string, name: string, agent: StaffAgentDraft): HumanAgent {
  return { id: agentId, firstName: name.split(" ")[0], status: agent.status, capacity: agent.capacity };
}

/** A few status changes over the last days, the newest being the agent's current status. */
function statusTimeline(random: SeededRandom, status: AgentStatus, now: number): { status: AgentStatus; at: number }[] {
  const currentSince =
    status === AgentStatus.ONLINE ? now - random.int(20 * MINUTE, 3 * HOUR) : status === AgentStatus.AWAY ? now - random.int(3 * MINUTE, 20 * MINUTE) : now - random.int(3 * HOUR, 14 * HOUR);
  const events = [{ status, at: currentSince }];
  for (let i = random.int(4, 7); i > 0; i--) {
    const later = events[0];
    const earlierStatus = random.pick(Object.values(AgentStatus).filter((candidate) => candidate !== later.status));
    events.unshift({ status: earlierStatus, at: later.at - random.int(1 * HOUR, 9 * HOUR) });
  }
  return events;
}

function lastSeen(random: SeededRandom, status: AgentStatus, statusSince: number, now: number): Date {
  if (status === AgentStatus.ONLINE) return new Date(now - random.int(1 * SECOND, 30 * SECOND));
  if (status === AgentStatus.AWAY) return new Date(now - random.int(30 * SECOND, 3 * MINUTE));
  return new Date(statusSince);
}

// ---------------------------------------------------------------------------------------------
// Conversations

/** Shared by the steps that draw one business's conversations. */
interface ConversationScene {
  random: SeededRandom;
  plan: DemoBusinessPlan;
  humans: readonly HumanAgent[];
  now: number;
  /** Regulars come back: low indices are picked far more often. */
  regularCustomer: () => CustomerDraft;
  /** A conversation on a random topic starting at `start`, by default with a regular. */
  writerAt: (start: number, customer?: CustomerDraft) => ConversationWriter;
}

/** All conversations of one business: history, a few closed in the last hour, and the live queue. */
function generateConversations(plan: DemoBusinessPlan, humans: readonly HumanAgent[], now: number): { drafts: ConversationDraft[]; customers: CustomerDraft[] } {
  const random = new SeededRandom(plan.seed);
  const customers = buildCustomerPool(random, plan);
  const regularCustomer = (): CustomerDraft => customers[Math.floor(customers.length * random.float() ** 1.6)];
  const writerAt = (start: number, customer = regularCustomer()): ConversationWriter => new ConversationWriter(random, plan, pickTopic(random, plan.topics), customer, start);
  const scene: ConversationScene = { random, plan, humans, now, regularCustomer, writerAt };

  const drafts = historicConversations(scene);
  drafts.push(...closedToday(scene));
  drafts.push(...liveConversations(scene, customers));
  for (const draft of drafts) {
    const start = draft.messages[0].at;
    draft.customer.firstSeenAt = Math.min(draft.customer.firstSeenAt ?? start, start);
  }
  return { drafts, customers: customers.filter((customer) => customer.firstSeenAt !== null) };
}

function buildCustomerPool(random: SeededRandom, plan: DemoBusinessPlan): CustomerDraft[] {
  const usedEmails = new Set<string>();
  return Array.from({ length: plan.customerPool }, (_, index): CustomerDraft => {
    const externalId = random.chance(0.4) ? plan.externalId(random, index) : null;
    // A few visitors never tell us who they are.
    if (random.chance(0.05)) return { id: randomUUID(), firstName: null, name: null, email: null, externalId, firstSeenAt: null };
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    const local = `${firstName}.${lastName}`.toLowerCase();
    let email = `${local}@${random.pick(EMAIL_DOMAINS)}`;
    if (usedEmails.has(email)) email = `${local}${random.int(2, 99)}@${random.pick(EMAIL_DOMAINS)}`;
    usedEmails.add(email);
    return { id: randomUUID(), firstName, name: `${firstName} ${lastName}`, email, externalId, firstSeenAt: null };
  });
}

function pickTopic(random: SeededRandom, topics: readonly Topic[]): Topic {
  const total = topics.reduce((sum, topic) => sum + topic.weight, 0);
  let roll = random.float() * total;
  for (const topic of topics) {
    roll -= topic.weight;
    if (roll < 0) return topic;
  }
  return topics[topics.length - 1];
}

/** The month before `now`: closed, handed off or abandoned, all settled a few seconds before now. */
function historicConversations({ random, plan, humans, now, writerAt }: ConversationScene): ConversationDraft[] {
  const drafts: ConversationDraft[] = [];
  const settleBy = now - 5 * SECOND;
  for (const start of historicStartTimes(random, now, plan.historicSessions, plan.minSessionsPerRecentHour)) {
    const writer = writerAt(start);
    const roll = random.float();
    const draft = roll < 0.05 ? abandoned(writer, random) : roll < 0.4 ? assistantResolved(writer, random) : handedOff(writer, random, random.pick(humans));
    if (draft.status === SessionStatus.CLOSED && random.chance(0.4)) rateConversation(random, draft);
    const overrun = latestMoment(draft) - settleBy;
    if (overrun > 0) retime(draft, (at) => at - overrun);
    drafts.push(draft);
  }
  return drafts;
}

/** More chats on weekdays and during (UTC) business hours, a trickle at night. */
function activityWeight(at: Date): number {
  const hour = at.getUTCHours();
  const day = at.getUTCDay();
  const dayFactor = day === 0 ? 0.45 : day === 6 ? 0.55 : 1;
  const hourFactor = hour < 7 ? 0.25 : hour < 8 ? 0.5 : hour < 9 ? 0.8 : hour < 10 ? 1 : hour < 16 ? 1.2 : hour < 18 ? 1 : hour < 21 ? 0.7 : 0.4;
  return dayFactor * hourFactor;
}

/** Start times of the historic conversations: `total` spread over the last HISTORY_DAYS by activityWeight. */
function historicStartTimes(random: SeededRandom, now: number, total: number, minPerRecentHour: number): number[] {
  const from = now - HISTORY_DAYS * DAY;
  const buckets: { start: number; end: number; weight: number }[] = [];
  for (let hour = Math.floor(from / HOUR) * HOUR; hour < now; hour += HOUR) {
    const start = Math.max(hour, from);
    const end = Math.min(hour + HOUR, now);
    // Jitter so no two hours look alike.
    const jitter = 0.6 + 0.8 * random.float();
    buckets.push({ start, end, weight: (activityWeight(new Date(hour)) * jitter * (end - start)) / HOUR });
  }
  const totalWeight = buckets.reduce((sum, bucket) => sum + bucket.weight, 0);
  const starts: number[] = [];
  // Cumulative rounding hands out exactly `total` however the hours fall relative to `now`.
  let expected = 0;
  let allocated = 0;
  for (const bucket of buckets) {
    expected += (bucket.weight / totalWeight) * total;
    const share = Math.round(expected) - allocated;
    allocated += share;
    const count = bucket.end > now - DAY ? Math.max(share, minPerRecentHour) : share;
    for (let i = 0; i < count; i++) starts.push(bucket.start + random.float() * (bucket.end - bucket.start));
  }
  return starts;
}

/** Closed and rated within today (UTC) even right after midnight, so "today" figures are never empty. */
function closedToday({ random, plan, humans, now, writerAt }: ConversationScene): ConversationDraft[] {
  const drafts: ConversationDraft[] = [];
  const startOfToday = Math.floor(now / DAY) * DAY;
  const windowStart = Math.max(startOfToday, now - 45 * MINUTE);
  const windowEnd = Math.max(windowStart, now - SECOND);
  // Handoffs last up to ~25 minutes; squeezing one into a shorter window would break its queue timings.
  const roomForHandoffs = windowEnd - windowStart >= 30 * MINUTE;
  for (let i = 0; i < plan.live.closedToday; i++) {
    const writer = writerAt(windowStart);
    const draft = roomForHandoffs && i % 2 === 0 ? handedOff(writer, random, random.pick(humans)) : assistantResolved(writer, random);
    rateConversation(random, draft);
    const scale = Math.min(1, (windowEnd - windowStart) / (latestMoment(draft) - windowStart));
    const offset = random.float() * (windowEnd - windowStart - (latestMoment(draft) - windowStart) * scale);
    retime(draft, (at) => windowStart + offset + (at - windowStart) * scale);
    keepMessagesInOrder(draft);
    drafts.push(draft);
  }
  return drafts;
}

/** Open right now: waiting in the queue, with an agent, or talking to the assistant. */
function liveConversations(scene: ConversationScene, customers: readonly CustomerDraft[]): ConversationDraft[] {
  const { random, plan, humans, now, writerAt, regularCustomer } = scene;
  // Live sessions go to customers who have nothing else open.
  const liveCustomers = random.shuffled(customers.slice(Math.floor(customers.length / 2)));
  const liveCustomer = (): CustomerDraft => liveCustomers.pop() ?? regularCustomer();
  const drafts: ConversationDraft[] = [];

  for (let i = 0; i < plan.live.waiting; i++) {
    const queuedAt = now - random.int(20 * SECOND, 6 * MINUTE);
    const writer = writerAt(queuedAt - 3 * MINUTE, liveCustomer());
    const draft = waiting(writer, random, i === 0 ? 1 : 0);
    retime(draft, (at) => at + (queuedAt - (draft.queuedAt ?? queuedAt)));
    drafts.push(draft);
  }

  const online = humans.filter((agent) => agent.status === AgentStatus.ONLINE);
  const load = new Map<string, number>();
  for (let i = 0; i < plan.live.active; i++) {
    const available = online.filter((candidate) => (load.get(candidate.id) ?? 0) < candidate.capacity);
    if (available.length === 0) break;
    const agent = available[i % available.length];
    load.set(agent.id, (load.get(agent.id) ?? 0) + 1);
    drafts.push(active(writerAt(now - random.int(8 * MINUTE, 12 * MINUTE), liveCustomer()), random, agent));
  }

  for (let i = 0; i < plan.live.bot; i++) {
    drafts.push(withAssistant(writerAt(now - random.int(1 * MINUTE, 150 * SECOND), liveCustomer()), random));
  }
  return drafts;
}

// ---------------------------------------------------------------------------------------------
// Rows

export interface ConversationRows {
  customers: Prisma.CustomerCreateManyInput[];
  sessions: Prisma.ChatSessionCreateManyInput[];
  messages: Prisma.ChatMessageCreateManyInput[];
  ratings: Prisma.SatisfactionRatingCreateManyInput[];
}

const date = (at: number | null): Date | null => (at === null ? null : new Date(at));

/** One business's customers and conversations as rows, ready to insert in this order. */
export function conversationRows(plan: DemoBusinessPlan, businessId: string, humans: readonly HumanAgent[], now: number): ConversationRows {
  const generated = generateConversations(plan, humans, now);
  const rows: ConversationRows = { customers: [], sessions: [], messages: [], ratings: [] };
  for (const customer of generated.customers) {
    rows.customers.push({
      id: customer.id,
      businessId,
      externalId: customer.externalId,
      name: customer.name,
      email: customer.email,
      createdAt: date(customer.firstSeenAt) ?? new Date(now),
    });
  }
  for (const draft of generated.drafts) addConversation(rows, draft, businessId, now);
  return rows;
}

function addConversation(rows: ConversationRows, draft: ConversationDraft, businessId: string, now: number): void {
  const sessionId = randomUUID();
  rows.sessions.push({
    id: sessionId,
    businessId,
    customerId: draft.customer.id,
    status: draft.status,
    priority: draft.priority,
    assignedAgentId: draft.assignedAgentId,
    handoffReason: draft.handoffReason,
    handoffSummary: draft.handoffSummary,
    createdAt: new Date(draft.messages[0].at),
    queuedAt: date(draft.queuedAt),
    assignedAt: date(draft.assignedAt),
    firstResponseAt: date(draft.firstResponseAt),
    closedAt: date(draft.closedAt),
    lastMessageAt: new Date(draft.messages[draft.messages.length - 1].at),
  });
  for (const message of draft.messages) {
    rows.messages.push({
      id: randomUUID(),
      businessId,
      sessionId,
      author: message.author,
      agentId: message.agentId,
      body: message.body,
      createdAt: new Date(message.at),
    });
  }
  if (draft.rating) {
    rows.ratings.push({
      id: randomUUID(),
      businessId,
      sessionId,
      score: draft.rating.score,
      comment: draft.rating.comment,
      createdAt: new Date(Math.min(draft.rating.at, now)),
    });
  }
}
