import { MessageAuthor, SessionStatus, type AgentStatus } from "../db/generated/enums";
import {
  AGENT_CLOSINGS,
  AGENT_GREETINGS,
  ASSISTANT_CLOSINGS,
  CUSTOMER_THANKS,
  CUSTOMER_WAITING,
  ESCALATIONS,
  JOIN_NOTICES,
  RATING_COMMENTS,
  TRANSFER_NOTICES,
  type DemoBusinessPlan,
  type Topic,
} from "./demo-content";
import { MINUTE, SECOND } from "./durations";
import type { SeededRandom } from "./seeded-random";

/** Demo conversations, written turn by turn in memory with millisecond timestamps. */

type TemplateVars = Record<string, string>;

function fill(template: string, vars: TemplateVars): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, key: string) => vars[key] ?? placeholder);
}

export interface HumanAgent {
  id: string;
  firstName: string;
  status: AgentStatus;
  capacity: number;
}

export interface CustomerDraft {
  id: string;
  firstName: string | null;
  name: string | null;
  email: string | null;
  externalId: string | null;
  /** Set once a conversation uses the customer; unused customers are not inserted. */
  firstSeenAt: number | null;
}

interface DraftMessage {
  author: MessageAuthor;
  agentId: string | null;
  body: string;
  at: number;
}

export interface ConversationDraft {
  customer: CustomerDraft;
  status: SessionStatus;
  priority: number;
  assignedAgentId: string | null;
  handoffReason: string | null;
  handoffSummary: string | null;
  queuedAt: number | null;
  assignedAt: number | null;
  firstResponseAt: number | null;
  closedAt: number | null;
  messages: DraftMessage[];
  rating: { score: number; comment: string | null; at: number } | null;
}

/** Writes one conversation turn by turn, advancing a clock with realistic pauses. */
export class ConversationWriter {
  readonly messages: DraftMessage[] = [];
  readonly vars: TemplateVars;
  private at: number;
  private readonly nextFollowUp: () => string;
  private readonly nextAssistantFollowUp: () => string;
  private readonly nextAgentAnswer: () => string;

  constructor(
    private readonly random: SeededRandom,
    plan: DemoBusinessPlan,
    readonly topic: Topic,
    readonly customer: CustomerDraft,
    start: number,
  ) {
    this.at = start;
    this.vars = {
      first: customer.firstName ?? "there",
      customer: customer.name ?? "An anonymous visitor",
      brand: plan.brand,
      order: plan.orderNumber(random),
      amount: `${plan.currencySymbol}${random.int(9, 260)}.${String(random.int(0, 99)).padStart(2, "0")}`,
      days: String(random.int(2, 5)),
      account: plan.slug === "globex" && customer.externalId ? customer.externalId : `GX-${random.int(1_000_000, 9_999_999)}`,
      agent: "",
    };
    this.nextFollowUp = random.dealer(topic.followUps);
    this.nextAssistantFollowUp = random.dealer(topic.assistantFollowUps);
    this.nextAgentAnswer = random.dealer(topic.agentAnswers);
  }

  get now(): number {
    return this.at;
  }

  private say(author: MessageAuthor, body: string, pauseMs: number, agentId: string | null = null): number {
    this.at += pauseMs;
    this.messages.push({ author, agentId, body: fill(body, this.vars), at: this.at });
    return this.at;
  }

  private customerPause(): number {
    return this.random.int(15 * SECOND, 90 * SECOND);
  }

  private assistantPause(): number {
    return this.random.int(2 * SECOND, 6 * SECOND);
  }

  customerOpens(): void {
    this.say(MessageAuthor.CUSTOMER, this.random.pick(this.topic.openers), 0);
    this.say(MessageAuthor.ASSISTANT, this.random.pick(this.topic.assistantAnswers), this.assistantPause());
  }

  followUpWithAssistant(pauseMs = this.customerPause()): void {
    this.say(MessageAuthor.CUSTOMER, this.nextFollowUp(), pauseMs);
    this.say(MessageAuthor.ASSISTANT, this.nextAssistantFollowUp(), this.assistantPause());
  }

  customerFollowsUp(pauseMs = this.customerPause()): void {
    this.say(MessageAuthor.CUSTOMER, this.nextFollowUp(), pauseMs);
  }

  customerThanks(): void {
    this.say(MessageAuthor.CUSTOMER, this.random.pick(CUSTOMER_THANKS), this.customerPause());
  }

  assistantSignsOff(): void {
    this.say(MessageAuthor.ASSISTANT, this.random.pick(ASSISTANT_CLOSINGS), this.assistantPause());
  }

  customerWaits(pauseMs: number): void {
    this.say(MessageAuthor.CUSTOMER, this.random.pick(CUSTOMER_WAITING), pauseMs);
  }

  /** The customer asks for a person and the session is queued; returns queuedAt. */
  requestPerson(pauseMs = this.customerPause()): number {
    this.say(MessageAuthor.CUSTOMER, this.random.pick(ESCALATIONS), pauseMs);
    return this.say(MessageAuthor.SYSTEM, this.random.pick(TRANSFER_NOTICES), 1_500);
  }

  /** The agent picks the session up `waitMs` after queueing and answers; returns assignedAt and firstResponseAt. */
  agentJoins(agent: HumanAgent, waitMs: number, responseMs: number): { assignedAt: number; firstResponseAt: number } {
    this.vars.agent = agent.firstName;
    const assignedAt = this.say(MessageAuthor.SYSTEM, this.random.pick(JOIN_NOTICES), waitMs);
    const greeting = `${this.random.pick(AGENT_GREETINGS)} ${this.nextAgentAnswer()}`;
    const firstResponseAt = this.say(MessageAuthor.AGENT, greeting, responseMs, agent.id);
    return { assignedAt, firstResponseAt };
  }

  agentReplies(agent: HumanAgent, pauseMs = this.random.int(20 * SECOND, 150 * SECOND)): void {
    this.say(MessageAuthor.AGENT, this.nextAgentAnswer(), pauseMs, agent.id);
  }

  agentSignsOff(agent: HumanAgent): void {
    this.say(MessageAuthor.AGENT, this.random.pick(AGENT_CLOSINGS), this.random.int(15 * SECOND, 60 * SECOND), agent.id);
  }

  handoff(): { handoffReason: string; handoffSummary: string } {
    return { handoffReason: this.random.pick(this.topic.handoffReasons), handoffSummary: fill(this.topic.handoffSummary, this.vars) };
  }

  draft(fields: Partial<ConversationDraft> & Pick<ConversationDraft, "status">): ConversationDraft {
    return {
      customer: this.customer,
      priority: 0,
      assignedAgentId: null,
      handoffReason: null,
      handoffSummary: null,
      queuedAt: null,
      assignedAt: null,
      firstResponseAt: null,
      closedAt: null,
      rating: null,
      messages: this.messages,
      ...fields,
    };
  }
}

/** Score skewed towards 4-5, sometimes with a short comment; the rating lands a minute after closing. */
export function rateConversation(random: SeededRandom, draft: ConversationDraft): void {
  if (draft.closedAt === null) return;
  const roll = random.float();
  const score = roll < 0.52 ? 5 : roll < 0.77 ? 4 : roll < 0.87 ? 3 : roll < 0.93 ? 2 : 1;
  const comments = score >= 4 ? RATING_COMMENTS.good : score === 3 ? RATING_COMMENTS.mixed : RATING_COMMENTS.bad;
  draft.rating = { score, comment: random.chance(0.35) ? random.pick(comments) : null, at: draft.closedAt + MINUTE };
}

export function assistantResolved(writer: ConversationWriter, random: SeededRandom): ConversationDraft {
  writer.customerOpens();
  const rounds = random.int(0, 2);
  for (let i = 0; i < rounds; i++) writer.followUpWithAssistant();
  if (rounds === 0 || random.chance(0.7)) writer.customerThanks();
  if (random.chance(0.5)) writer.assistantSignsOff();
  return writer.draft({ status: SessionStatus.CLOSED, closedAt: writer.now + random.int(1 * MINUTE, 4 * MINUTE) });
}

export function handedOff(writer: ConversationWriter, random: SeededRandom, agent: HumanAgent): ConversationDraft {
  writer.customerOpens();
  const queuedAt = writer.requestPerson();
  const { assignedAt, firstResponseAt } = writer.agentJoins(agent, random.int(10 * SECOND, 8 * MINUTE), random.int(5 * SECOND, 90 * SECOND));
  const rounds = random.int(0, 2);
  for (let i = 0; i < rounds; i++) {
    writer.customerFollowsUp();
    writer.agentReplies(agent);
  }
  writer.agentSignsOff(agent);
  if (random.chance(0.6)) writer.customerThanks();
  return writer.draft({
    status: SessionStatus.CLOSED,
    assignedAgentId: agent.id,
    queuedAt,
    assignedAt,
    firstResponseAt,
    closedAt: writer.now + random.int(1 * MINUTE, 5 * MINUTE),
    ...writer.handoff(),
  });
}

export function abandoned(writer: ConversationWriter, random: SeededRandom): ConversationDraft {
  writer.customerOpens();
  const queuedAt = writer.requestPerson();
  if (random.chance(0.5)) writer.customerWaits(random.int(1 * MINUTE, 4 * MINUTE));
  return writer.draft({
    status: SessionStatus.ABANDONED,
    queuedAt,
    closedAt: queuedAt + random.int(5 * MINUTE, 15 * MINUTE),
    ...writer.handoff(),
  });
}

/** In the queue right now: waiting since `queuedAt`. */
export function waiting(writer: ConversationWriter, random: SeededRandom, priority: number): ConversationDraft {
  writer.customerOpens();
  const queuedAt = writer.requestPerson(random.int(30 * SECOND, 90 * SECOND));
  return writer.draft({ status: SessionStatus.WAITING, priority, queuedAt, ...writer.handoff() });
}

/** Being handled by `agent` right now; the writer must start at least ~8 minutes ago. */
export function active(writer: ConversationWriter, random: SeededRandom, agent: HumanAgent): ConversationDraft {
  writer.customerOpens();
  const queuedAt = writer.requestPerson(random.int(20 * SECOND, 60 * SECOND));
  const { assignedAt, firstResponseAt } = writer.agentJoins(agent, random.int(10 * SECOND, 3 * MINUTE), random.int(5 * SECOND, 60 * SECOND));
  writer.customerFollowsUp(random.int(20 * SECOND, 60 * SECOND));
  if (random.chance(0.5)) writer.agentReplies(agent, random.int(20 * SECOND, 60 * SECOND));
  return writer.draft({
    status: SessionStatus.ACTIVE,
    assignedAgentId: agent.id,
    queuedAt,
    assignedAt,
    firstResponseAt,
    ...writer.handoff(),
  });
}

/** Customer talking to the assistant right now; the writer must start at least a minute ago. */
export function withAssistant(writer: ConversationWriter, random: SeededRandom): ConversationDraft {
  writer.customerOpens();
  const pauseMs = random.int(15 * SECOND, 30 * SECOND);
  if (random.chance(0.5)) writer.followUpWithAssistant(pauseMs);
  else writer.customerFollowsUp(pauseMs);
  return writer.draft({ status: SessionStatus.BOT });
}

export function latestMoment(draft: ConversationDraft): number {
  return Math.max(draft.messages[draft.messages.length - 1].at, draft.closedAt ?? 0, draft.rating?.at ?? 0);
}

/** Moves every timestamp of a conversation through `map` (shifting or compressing it). */
export function retime(draft: ConversationDraft, map: (at: number) => number): void {
  const mapNullable = (at: number | null): number | null => (at === null ? null : Math.round(map(at)));
  for (const message of draft.messages) message.at = Math.round(map(message.at));
  draft.queuedAt = mapNullable(draft.queuedAt);
  draft.assignedAt = mapNullable(draft.assignedAt);
  draft.firstResponseAt = mapNullable(draft.firstResponseAt);
  draft.closedAt = mapNullable(draft.closedAt);
  if (draft.rating) draft.rating.at = Math.round(map(draft.rating.at));
}

/**
 * Squeezed timelines can round messages onto the same millisecond; keep them strictly increasing
 * by moving earlier ones back, never later ones into the future.
 */
export function keepMessagesInOrder(draft: ConversationDraft): void {
  for (let i = draft.messages.length - 2; i >= 0; i--) {
    draft.messages[i].at = Math.min(draft.messages[i].at, draft.messages[i + 1].at - 1);
  }
}
