import { randomUUID } from "node:crypto";
import { hashPassword } from "../auth/password.server";
import type { Prisma } from "../db/generated/client";
import { AgentKind, AgentStatus, type Role } from "../db/generated/enums";
import { takeFirstRunLock } from "../db/first-run-lock.server";
import type { DbClient, PrismaClient } from "../db/prisma-client.server";
import { BUSINESS_PLANS, DEMO_USERS, type DemoSlug } from "./demo-content";
import type { HumanAgent } from "./demo-conversations";
import { conversationRows, generateBusinessesAndStaff, humanAgent, type BusinessDraft, type ConversationRows, type StaffDraft } from "./demo-generator.server";
import { SECOND } from "./durations";
import { addMembership, createAgent, createBusiness, createUser } from "./factories.server";

/**
 * Demo data for a fresh install: the content of demo-content, drawn into rows by
 * demo-generator.server, written here in dependency order in one transaction.
 */

export const DEMO_PASSWORD = "switchboard-demo";

export interface DemoSeedSummary {
  businesses: number;
  users: number;
  sessions: number;
  messages: number;
  ratings: number;
  durationMs: number;
}

// Big enough to need few round trips, small enough to stay well under PostgreSQL's 65,535 bind parameters.
const INSERT_CHUNK_SIZE = 4_000;

export interface DemoAccount {
  email: string;
  name: string;
  /** The account's roles, e.g. "Admin of Acme Support, Admin of Globex". */
  description: string;
}

const ROLE_LABELS: Record<Role, string> = { OWNER: "Owner", ADMIN: "Admin", AGENT: "Agent" };

/** The demo logins, all with DEMO_PASSWORD, for printing at startup. */
export const demoAccounts: readonly DemoAccount[] = DEMO_USERS.map((user) => ({
  email: user.email,
  name: user.name,
  description: user.memberships.map(({ slug, role }) => `${ROLE_LABELS[role]} of ${BUSINESS_PLANS.find((plan) => plan.slug === slug)?.name ?? slug}`).join(", "),
}));

export async function isDatabaseEmpty(db: DbClient): Promise<boolean> {
  return (await db.business.findFirst({ select: { id: true } })) === null;
}

/** Whether the demo seed's businesses are here (labelled "Demo data" in the UI). */
export async function hasDemoData(db: DbClient): Promise<boolean> {
  return (await db.business.findFirst({ where: { settings: { path: ["demo"], equals: true } }, select: { id: true } })) !== null;
}

/**
 * Inserts the demo businesses, users and a month of activity ending at `now`. All or nothing (one
 * transaction); throws when the `acme` business already exists.
 */
export async function seedDemoData(db: PrismaClient, options: { now?: Date } = {}): Promise<DemoSeedSummary> {
  if (await db.business.findUnique({ where: { slug: "acme" }, select: { id: true } })) {
    throw new Error('Demo data is already present (business "acme" exists).');
  }
  return (await seedDemo(db, options.now, false))!;
}

/**
 * The demo seed of a server's first boot: only into an empty database, and under the first-run
 * lock, so of several servers booting at once on a new database exactly one seeds (the others
 * wait for its commit, then find data and return null).
 */
export async function seedDemoDataIfEmpty(db: PrismaClient, options: { now?: Date } = {}): Promise<DemoSeedSummary | null> {
  if (!(await isDatabaseEmpty(db))) return null;
  return seedDemo(db, options.now, true);
}

async function seedDemo(db: PrismaClient, at: Date | undefined, onlyIfEmpty: boolean): Promise<DemoSeedSummary | null> {
  const startedAt = performance.now();
  const now = (at ?? new Date()).getTime();
  // Hashed once for every demo user: scrypt is slow on purpose.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const counts = await db.$transaction(
    async (tx) => {
      if (onlyIfEmpty) {
        await takeFirstRunLock(tx);
        if (!(await isDatabaseEmpty(tx))) return null;
      }
      return insertDemo(tx, passwordHash, now);
    },
    // The timeout covers a wait for another server's seed too (it holds the lock while it inserts).
    { maxWait: 10 * SECOND, timeout: 240 * SECOND },
  );
  if (!counts) return null;
  return {
    businesses: BUSINESS_PLANS.length,
    users: DEMO_USERS.length,
    ...counts,
    durationMs: Math.round(performance.now() - startedAt),
  };
}

async function insertDemo(tx: DbClient, passwordHash: string, now: number): Promise<Pick<DemoSeedSummary, "sessions" | "messages" | "ratings">> {
  const { businesses, staff } = generateBusinessesAndStaff(now);
  const businessIds = await insertBusinesses(tx, businesses, now);
  const { humansBySlug, statusEvents } = await insertStaff(tx, staff, businessIds, passwordHash);
  const perBusiness = BUSINESS_PLANS.map((plan) => conversationRows(plan, businessIdOf(businessIds, plan.slug), humansBySlug.get(plan.slug) ?? [], now));
  const conversations: ConversationRows = {
    customers: perBusiness.flatMap((rows) => rows.customers),
    sessions: perBusiness.flatMap((rows) => rows.sessions),
    messages: perBusiness.flatMap((rows) => rows.messages),
    ratings: perBusiness.flatMap((rows) => rows.ratings),
  };

  await tx.knowledgeArticle.createMany({ data: articleRows(businesses, businessIds) });
  await tx.agentStatusEvent.createMany({ data: statusEvents });
  await insertInChunks(conversations.customers, (data) => tx.customer.createMany({ data }));
  await insertInChunks(conversations.sessions, (data) => tx.chatSession.createMany({ data }));
  await insertInChunks(conversations.messages, (data) => tx.chatMessage.createMany({ data }));
  await insertInChunks(conversations.ratings, (data) => tx.satisfactionRating.createMany({ data }));
  return { sessions: conversations.sessions.length, messages: conversations.messages.length, ratings: conversations.ratings.length };
}

type BusinessIds = ReadonlyMap<DemoSlug, string>;

function businessIdOf(ids: BusinessIds, slug: DemoSlug): string {
  const id = ids.get(slug);
  if (id === undefined) throw new Error(`Demo business "${slug}" has not been inserted.`);
  return id;
}

/** Each business with its assistant. */
async function insertBusinesses(tx: DbClient, businesses: readonly BusinessDraft[], now: number): Promise<BusinessIds> {
  const ids = new Map<DemoSlug, string>();
  for (const { plan, createdAt } of businesses) {
    const business = await createBusiness(tx, {
      slug: plan.slug,
      name: plan.name,
      legalName: plan.legalName,
      currency: plan.currency,
      timezone: "UTC",
      settings: { ...plan.settings, demo: true },
      createdAt,
    });
    ids.set(plan.slug, business.id);
    await createAgent(tx, {
      businessId: business.id,
      kind: AgentKind.ASSISTANT,
      displayName: "Assistant",
      status: AgentStatus.ONLINE,
      lastSeenAt: new Date(now),
      createdAt,
    });
  }
  return ids;
}

function articleRows(businesses: readonly BusinessDraft[], businessIds: BusinessIds): Prisma.KnowledgeArticleCreateManyInput[] {
  return businesses.flatMap(({ plan, articles }) => articles.map((article) => ({ id: randomUUID(), businessId: businessIdOf(businessIds, plan.slug), ...article })));
}

/** Users with their memberships and, for agents, their agent; returns what conversations need of them. */
async function insertStaff(
  tx: DbClient,
  staff: readonly StaffDraft[],
  businessIds: BusinessIds,
  passwordHash: string,
): Promise<{ humansBySlug: Map<DemoSlug, HumanAgent[]>; statusEvents: Prisma.AgentStatusEventCreateManyInput[] }> {
  const humansBySlug = new Map<DemoSlug, HumanAgent[]>();
  const statusEvents: Prisma.AgentStatusEventCreateManyInput[] = [];
  for (const member of staff) {
    const user = await createUser(tx, { email: member.email, name: member.name, passwordHash, createdAt: member.joinedAt });
    for (const { slug, role } of member.memberships) {
      await addMembership(tx, { userId: user.id, businessId: businessIdOf(businessIds, slug), role, createdAt: member.joinedAt });
    }
    if (!member.agent) continue;
    const agent = await createAgent(tx, {
      businessId: businessIdOf(businessIds, member.agent.slug),
      userId: user.id,
      kind: AgentKind.HUMAN,
      displayName: member.name,
      status: member.agent.status,
      capacity: member.agent.capacity,
      lastSeenAt: member.agent.lastSeenAt,
      createdAt: member.joinedAt,
    });
    for (const { status, at } of member.agent.statusHistory) {
      statusEvents.push({ id: randomUUID(), businessId: agent.businessId, agentId: agent.id, status, createdAt: at });
    }
    const humans = humansBySlug.get(member.agent.slug) ?? [];
    humans.push(humanAgent(agent.id, member.name, member.agent));
    humansBySlug.set(member.agent.slug, humans);
  }
  return { humansBySlug, statusEvents };
}

async function insertInChunks<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK_SIZE) await insert(rows.slice(i, i + INSERT_CHUNK_SIZE));
}
