import { randomUUID } from "node:crypto";
import { hashPassword } from "../auth/password.server";
import type { DbClient } from "../db/prisma-client.server";
import type { Agent, Business, Customer, Membership, Prisma, User } from "../db/generated/client";
import { AgentKind, AgentStatus, Role, SessionStatus, type MessageAuthor } from "../db/generated/enums";
import { isEnded } from "../contract/staff";

/**
 * Row factories shared by the demo seed and the integration tests. Every option has a default, so
 * `createBusiness(db)` works on its own; pass only what a test cares about.
 */

/** Password of users created without `password` or `passwordHash`. */
const FACTORY_USER_PASSWORD = "factory-password";

let sequence = 0;

/** Unique within a process (counter) and across processes sharing a database (random part). */
function uniqueSuffix(): string {
  sequence += 1;
  return `${sequence}-${randomUUID().slice(0, 8)}`;
}

// scrypt is deliberately slow: tests creating many default users share one hash.
let factoryPasswordHash: Promise<string> | undefined;

function defaultPasswordHash(): Promise<string> {
  factoryPasswordHash ??= hashPassword(FACTORY_USER_PASSWORD);
  return factoryPasswordHash;
}

export interface BusinessOptions {
  slug?: string;
  name?: string;
  legalName?: string;
  currency?: string;
  timezone?: string;
  /** Merged over `{ assistantEnabled: false }`: a new chat queues for a person unless a caller turns the assistant on. */
  settings?: Prisma.InputJsonObject;
  createdAt?: Date;
}

export async function createBusiness(db: DbClient, options: BusinessOptions = {}): Promise<Business> {
  const suffix = uniqueSuffix();
  const name = options.name ?? `Business ${suffix}`;
  return db.business.create({
    data: {
      slug: options.slug ?? `business-${suffix}`,
      name,
      legalName: options.legalName ?? `${name} Ltd.`,
      currency: options.currency ?? "USD",
      timezone: options.timezone ?? "UTC",
      settings: { assistantEnabled: false, ...options.settings },
      createdAt: options.createdAt,
    },
  });
}

export interface UserOptions {
  email?: string;
  name?: string;
  /** Hashed here; defaults to FACTORY_USER_PASSWORD. */
  password?: string;
  /** Used as is, skipping the hashing (e.g. one hash reused for many users). */
  passwordHash?: string;
  createdAt?: Date;
}

export async function createUser(db: DbClient, options: UserOptions = {}): Promise<User> {
  const suffix = uniqueSuffix();
  const passwordHash = options.passwordHash ?? (options.password !== undefined ? await hashPassword(options.password) : await defaultPasswordHash());
  return db.user.create({
    data: {
      email: options.email ?? `user-${suffix}@example.test`,
      name: options.name ?? `User ${suffix}`,
      passwordHash,
      createdAt: options.createdAt,
    },
  });
}

export interface MembershipOptions {
  userId: string;
  businessId: string;
  role?: Role;
  createdAt?: Date;
}

export async function addMembership(db: DbClient, options: MembershipOptions): Promise<Membership> {
  return db.membership.create({
    data: {
      userId: options.userId,
      businessId: options.businessId,
      role: options.role ?? Role.AGENT,
      createdAt: options.createdAt,
    },
  });
}

export interface AgentOptions {
  businessId: string;
  userId?: string | null;
  kind?: AgentKind;
  displayName?: string;
  status?: AgentStatus;
  capacity?: number;
  /** Defaults to now unless the agent is OFFLINE. */
  lastSeenAt?: Date | null;
  createdAt?: Date;
}

export async function createAgent(db: DbClient, options: AgentOptions): Promise<Agent> {
  const kind = options.kind ?? AgentKind.HUMAN;
  const status = options.status ?? AgentStatus.OFFLINE;
  return db.agent.create({
    data: {
      businessId: options.businessId,
      userId: options.userId ?? null,
      kind,
      displayName: options.displayName ?? (kind === AgentKind.ASSISTANT ? "Assistant" : `Agent ${uniqueSuffix()}`),
      status,
      capacity: options.capacity ?? 3,
      lastSeenAt: options.lastSeenAt !== undefined ? options.lastSeenAt : status === AgentStatus.OFFLINE ? null : new Date(),
      createdAt: options.createdAt,
    },
  });
}

export interface CustomerOptions {
  businessId: string;
  name?: string | null;
  email?: string | null;
  externalId?: string | null;
  createdAt?: Date;
}

export async function createCustomer(db: DbClient, options: CustomerOptions): Promise<Customer> {
  const suffix = uniqueSuffix();
  return db.customer.create({
    data: {
      businessId: options.businessId,
      name: options.name !== undefined ? options.name : `Customer ${suffix}`,
      email: options.email !== undefined ? options.email : `customer-${suffix}@example.test`,
      externalId: options.externalId ?? null,
      createdAt: options.createdAt,
    },
  });
}

export interface SessionMessageOptions {
  author: MessageAuthor;
  body: string;
  /** The human agent who wrote an AGENT message. */
  agentId?: string | null;
  clientMessageId?: string | null;
  /** Defaults to one second after the previous message. */
  createdAt?: Date;
}

export interface SessionRatingOptions {
  score: number;
  comment?: string | null;
  /** Defaults to closedAt, else lastMessageAt. */
  createdAt?: Date;
}

/**
 * Timestamps left undefined get defaults that fit `status` (a WAITING session is queued, an ACTIVE
 * one assigned, a CLOSED one closed at its last message); pass null to leave one empty.
 */
export interface ChatSessionOptions {
  businessId: string;
  customerId: string;
  status?: SessionStatus;
  priority?: number;
  assignedAgentId?: string | null;
  handoffReason?: string | null;
  handoffSummary?: string | null;
  tokenHash?: string | null;
  /** Defaults to one second per message before now, so the last default message is "now". */
  createdAt?: Date;
  queuedAt?: Date | null;
  assignedAt?: Date | null;
  firstResponseAt?: Date | null;
  closedAt?: Date | null;
  lastMessageAt?: Date;
  messages?: SessionMessageOptions[];
  rating?: SessionRatingOptions;
}

export type ChatSessionWithTranscript = Prisma.ChatSessionGetPayload<{ include: { messages: true; rating: true } }>;

const QUEUED_STATUSES: readonly SessionStatus[] = [SessionStatus.WAITING, SessionStatus.ACTIVE, SessionStatus.ABANDONED];

function orDefault<T>(value: T | null | undefined, fallback: T | null): T | null {
  return value !== undefined ? value : fallback;
}

export async function createChatSession(db: DbClient, options: ChatSessionOptions): Promise<ChatSessionWithTranscript> {
  const status = options.status ?? SessionStatus.BOT;
  const messageOptions = options.messages ?? [];
  const createdAt = options.createdAt ?? new Date(Date.now() - messageOptions.length * 1000);

  let previous = createdAt.getTime();
  const messages = messageOptions.map((message) => {
    const at = message.createdAt ?? new Date(previous + 1000);
    previous = at.getTime();
    return {
      businessId: options.businessId,
      author: message.author,
      agentId: message.agentId ?? null,
      body: message.body,
      clientMessageId: message.clientMessageId ?? null,
      createdAt: at,
    };
  });

  const lastMessageAt = options.lastMessageAt ?? new Date(Math.max(createdAt.getTime(), ...messages.map((message) => message.createdAt.getTime())));
  const queuedAt = orDefault(options.queuedAt, QUEUED_STATUSES.includes(status) ? createdAt : null);
  const assignedAt = orDefault(options.assignedAt, status === SessionStatus.ACTIVE ? queuedAt : null);
  const closedAt = orDefault(options.closedAt, isEnded(status) ? lastMessageAt : null);

  const data: Prisma.ChatSessionUncheckedCreateInput = {
    businessId: options.businessId,
    customerId: options.customerId,
    status,
    priority: options.priority ?? 0,
    assignedAgentId: options.assignedAgentId ?? null,
    handoffReason: options.handoffReason ?? null,
    handoffSummary: options.handoffSummary ?? null,
    tokenHash: options.tokenHash ?? null,
    createdAt,
    queuedAt,
    assignedAt,
    firstResponseAt: options.firstResponseAt ?? null,
    closedAt,
    lastMessageAt,
    messages: { create: messages },
  };
  if (options.rating) {
    data.rating = {
      create: {
        businessId: options.businessId,
        score: options.rating.score,
        comment: options.rating.comment ?? null,
        createdAt: options.rating.createdAt ?? closedAt ?? lastMessageAt,
      },
    };
  }
  return db.chatSession.create({
    data,
    include: { messages: { orderBy: { createdAt: "asc" } }, rating: true },
  });
}
