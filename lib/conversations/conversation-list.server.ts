/**
 * The conversation history of one business: the filters of the contract as one SQL query over
 * ChatSession, newest first with keyset pagination, and the page's rows with their details and
 * (when searching) highlighted snippets. The list, the page and the CSV export all go through
 * `matchingSessions`, so they agree on what a filter means.
 *
 * Search: `websearch_to_tsquery('simple', q)` against the stored ChatMessage.searchVector (GIN).
 * The GIN index is asked first for at most SEARCH_SET_LIMIT matching messages: fewer, and their
 * sessions are the answer; more (a common word), and the business's sessions are walked newest
 * first, each probed through its own messages, until a page is full (searchCondition; decision
 * 019). docs/benchmarks.md has the figures on a million messages.
 */
import { Prisma } from "../db/generated/client";
import type { PrismaClient } from "../db/prisma-client.server";
import { utcTimestamp } from "../dashboard/dashboard-clock.server";
import { notFound } from "../errors/app-error";
import { isUuid, type BusinessScope } from "../tenancy/memberships.server";
import {
  CONVERSATION_PAGE_SIZE,
  cursorOf,
  parseCursor,
  type ConversationExportFilter,
  type ConversationFilter,
  type ConversationListItem,
  type ConversationOutcome,
  type ConversationPage,
  type ConversationSnippet,
  type ConversationSummary,
} from "../contract/conversations";
import type { SessionStatusName } from "../contract/staff";
import { toTagWire } from "../contract/tags";
import type { MessageAuthorName } from "../contract/customer-chat";
import { MATCH_START, MATCH_STOP, splitHighlight } from "./highlight";

/** A position in the newest-first order: rows strictly older than it come next. */
export interface SessionKey {
  createdAt: Date;
  id: string;
}

export interface SessionQuery {
  /** Only sessions created at or before this instant (an export counts and streams the same rows). */
  asOf?: Date;
  after?: SessionKey | null;
  limit: number;
}

/** Reads a stored timestamp column as an instant (columns hold UTC without a zone). */
export const utc = (column: string) => Prisma.raw(`(${column} AT TIME ZONE 'UTC')`);

const PREVIEW_LENGTH = 200;
const SNIPPETS_PER_CONVERSATION = 2;
/** ts_headline's options: a short excerpt around the matches, the matches between the two markers. */
const HEADLINE_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_STOP}, MaxWords=24, MinWords=10, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;

/** A search matching at most this many messages of the business is answered from the GIN index alone. */
const SEARCH_SET_LIMIT = 2000;

export const searchQuery = (q: string) => Prisma.sql`websearch_to_tsquery('simple', ${q})`;

/**
 * The business's filter as SQL conditions on `"ChatSession" s`; null when nothing can match
 * (a tag the business does not have). Calendar days are the business's (its time zone).
 */
export async function filterConditions(db: PrismaClient, scope: BusinessScope, filter: ConversationExportFilter): Promise<Prisma.Sql[] | null> {
  const business = await db.business.findUnique({ where: { id: scope.businessId }, select: { timezone: true } });
  if (!business) throw notFound("Business");
  const conditions = [Prisma.sql`s."businessId" = ${scope.businessId}::uuid`];
  if (filter.status?.length) conditions.push(Prisma.sql`s.status = ANY(${filter.status}::"SessionStatus"[])`);
  if (filter.agent_id) conditions.push(Prisma.sql`s."assignedAgentId" = ${filter.agent_id}::uuid`);
  if (filter.tag) {
    const tag = await db.tag.findFirst({
      where: { businessId: scope.businessId, ...(isUuid(filter.tag) ? { id: filter.tag } : { name: filter.tag.toLowerCase() }) },
      select: { id: true },
    });
    if (!tag) return null;
    conditions.push(Prisma.sql`s.id IN (SELECT st."sessionId" FROM "SessionTag" st WHERE st."businessId" = ${scope.businessId}::uuid AND st."tagId" = ${tag.id}::uuid)`);
  }
  const zone = business.timezone;
  // A day starts at local midnight; `to` includes its whole day. An instant is taken as it is.
  const dayStart = (day: string, plusDays: number) => Prisma.sql`(((${day}::date + ${plusDays}::int)::timestamp AT TIME ZONE ${zone}::text) AT TIME ZONE 'UTC')`;
  const isDay = (bound: string) => bound.length === 10;
  if (filter.from) conditions.push(Prisma.sql`s."createdAt" >= ${isDay(filter.from) ? dayStart(filter.from, 0) : utcTimestamp(new Date(filter.from))}`);
  if (filter.to) conditions.push(isDay(filter.to) ? Prisma.sql`s."createdAt" < ${dayStart(filter.to, 1)}` : Prisma.sql`s."createdAt" <= ${utcTimestamp(new Date(filter.to))}`);
  if (filter.csat?.length) conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "SatisfactionRating" r WHERE r."sessionId" = s.id AND r.score = ANY(${filter.csat}::int[]))`);
  if (filter.outcome === "assistant_resolved") conditions.push(Prisma.sql`s.status = 'CLOSED' AND s."queuedAt" IS NULL`);
  if (filter.outcome === "handed_off") conditions.push(Prisma.sql`s."queuedAt" IS NOT NULL`);
  if (filter.q) conditions.push(await searchCondition(db, scope, filter.q));
  return conditions;
}

/**
 * The search as a condition on `s`, in the form that is fast for this query on this business's
 * messages. PostgreSQL's estimate for a word its statistics do not list is a guess, and a wrong
 * guess either walks every session probing for a word that is nowhere, or reads a word that is
 * everywhere out of the GIN index; so the GIN index is asked first, for at most SEARCH_SET_LIMIT
 * matching messages. Fewer: the matching sessions are exactly their sessions (a rare word, an
 * order number). More: the word is common, and the sessions are walked newest first, each probed
 * through its own messages, until a page is full.
 */
async function searchCondition(db: PrismaClient, scope: BusinessScope, q: string): Promise<Prisma.Sql> {
  const matches = await db.$queryRaw<{ session_id: string }[]>`
    SELECT m."sessionId" AS session_id FROM "ChatMessage" m
    WHERE m."businessId" = ${scope.businessId}::uuid AND m."searchVector" @@ ${searchQuery(q)}
    LIMIT ${SEARCH_SET_LIMIT + 1}::int`;
  if (matches.length <= SEARCH_SET_LIMIT) return Prisma.sql`s.id = ANY(${[...new Set(matches.map((match) => match.session_id))]}::uuid[])`;
  // A scalar subquery is never turned into a join: it runs per session, in the sessions' order, and stops at the first match.
  // ts_match_vq is `@@` as a function, which no index serves: each probe reads its session's messages, never the GIN index.
  return Prisma.sql`(SELECT true FROM "ChatMessage" m WHERE m."sessionId" = s.id AND ts_match_vq(m."searchVector", ${searchQuery(q)}) LIMIT 1)`;
}

/** The statement of `matchingSessions` (the benchmark also runs it bare, and EXPLAINs it). */
export function matchingSessionsSql(conditions: Prisma.Sql[], query: SessionQuery): Prisma.Sql {
  const where = [...conditions];
  if (query.asOf) where.push(Prisma.sql`s."createdAt" <= ${utcTimestamp(query.asOf)}`);
  if (query.after) {
    // The createdAt bound alone is what the (businessId, createdAt) index can range over; the id breaks ties.
    const at = utcTimestamp(query.after.createdAt);
    where.push(Prisma.sql`s."createdAt" <= ${at} AND (s."createdAt" < ${at} OR s.id < ${query.after.id}::uuid)`);
  }
  return Prisma.sql`
    SELECT s.id, ${utc('s."createdAt"')} AS created_at FROM "ChatSession" s
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY s."createdAt" DESC, s.id DESC
    LIMIT ${query.limit}::int`;
}

/** The ids (and keys) of the sessions matching `conditions`, newest first, after `query.after`. */
export async function matchingSessions(db: PrismaClient, conditions: Prisma.Sql[], query: SessionQuery): Promise<SessionKey[]> {
  const rows = await db.$queryRaw<{ id: string; created_at: Date }[]>(matchingSessionsSql(conditions, query));
  return rows.map((row) => ({ id: row.id, createdAt: row.created_at }));
}

interface SummaryRow {
  id: string;
  status: SessionStatusName;
  created_at: Date;
  queued_at: Date | null;
  assigned_at: Date | null;
  first_response_at: Date | null;
  closed_at: Date | null;
  last_message_at: Date;
  handoff_reason: string | null;
  handoff_summary: string | null;
  customer_id: string;
  customer_name: string | null;
  customer_email: string | null;
  agent_id: string | null;
  agent_name: string | null;
  score: number | null;
  comment: string | null;
  message_count: number;
  preview: string | null;
  tags: { id: string; name: string; color: string }[];
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** Closed without ever being queued: the assistant finished it. Queued: a person was needed (docs/metrics.md's two rates). */
export function outcomeOf(session: { status: SessionStatusName; queued_at: unknown }): ConversationOutcome | null {
  if (session.queued_at !== null) return "handed_off";
  return session.status === "CLOSED" ? "assistant_resolved" : null;
}

function toSummary(row: SummaryRow): ConversationSummary & { handoff_summary: string | null } {
  return {
    id: row.id,
    status: row.status,
    customer: { id: row.customer_id, name: row.customer_name, email: row.customer_email },
    agent: row.agent_id ? { id: row.agent_id, display_name: row.agent_name ?? "" } : null,
    created_at: row.created_at.toISOString(),
    queued_at: iso(row.queued_at),
    assigned_at: iso(row.assigned_at),
    first_response_at: iso(row.first_response_at),
    closed_at: iso(row.closed_at),
    last_message_at: row.last_message_at.toISOString(),
    outcome: outcomeOf(row),
    handoff_reason: row.handoff_reason,
    handoff_summary: row.handoff_summary,
    rating: row.score === null ? null : { score: row.score, comment: row.comment },
    tags: row.tags.map(toTagWire),
    message_count: row.message_count,
    preview: row.preview,
  };
}

/** The conversations `ids` of the business with what the list shows of each, in the order of `ids` (missing ones left out). */
export async function loadSummaries(db: PrismaClient, scope: BusinessScope, ids: string[]): Promise<(ConversationSummary & { handoff_summary: string | null })[]> {
  if (ids.length === 0) return [];
  const rows = await db.$queryRaw<SummaryRow[]>`
    SELECT s.id, s.status::text AS status, ${utc('s."createdAt"')} AS created_at, ${utc('s."queuedAt"')} AS queued_at,
      ${utc('s."assignedAt"')} AS assigned_at, ${utc('s."firstResponseAt"')} AS first_response_at, ${utc('s."closedAt"')} AS closed_at,
      ${utc('s."lastMessageAt"')} AS last_message_at, s."handoffReason" AS handoff_reason, s."handoffSummary" AS handoff_summary,
      c.id AS customer_id, c.name AS customer_name, c.email AS customer_email, a.id AS agent_id, a."displayName" AS agent_name,
      r.score, r.comment,
      (SELECT count(*) FROM "ChatMessage" m WHERE m."sessionId" = s.id)::int AS message_count,
      (SELECT left(m.body, ${PREVIEW_LENGTH}::int) FROM "ChatMessage" m WHERE m."sessionId" = s.id AND m.author = 'CUSTOMER' ORDER BY m."createdAt", m.id LIMIT 1) AS preview,
      coalesce((SELECT json_agg(json_build_object('id', t.id, 'name', t.name, 'color', t.color) ORDER BY t.name)
                FROM "SessionTag" st JOIN "Tag" t ON t.id = st."tagId" WHERE st."sessionId" = s.id), '[]'::json) AS tags
    FROM "ChatSession" s
    JOIN "Customer" c ON c.id = s."customerId"
    LEFT JOIN "Agent" a ON a.id = s."assignedAgentId"
    LEFT JOIN "SatisfactionRating" r ON r."sessionId" = s.id
    WHERE s."businessId" = ${scope.businessId}::uuid AND s.id = ANY(${ids}::uuid[])`;
  const byId = new Map(rows.map((row) => [row.id, toSummary(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * The newest matching messages of each conversation, highlighted (for the page's rows only). The
 * page's messages are read by session first (materialized), so the search runs over those few
 * rows, never through the GIN index once per row.
 */
async function loadSnippets(db: PrismaClient, scope: BusinessScope, ids: string[], q: string): Promise<Map<string, ConversationSnippet[]>> {
  const rows = await db.$queryRaw<{ session_id: string; id: string; author: MessageAuthorName; created_at: Date; headline: string }[]>`
    WITH page_messages AS MATERIALIZED (
      SELECT m.id, m."sessionId", m.author, m.body, m."createdAt", m."searchVector" FROM "ChatMessage" m
      WHERE m."sessionId" = ANY(${ids}::uuid[]) AND m."businessId" = ${scope.businessId}::uuid
    ), matching AS (
      SELECT p.*, row_number() OVER (PARTITION BY p."sessionId" ORDER BY p."createdAt" DESC, p.id DESC) AS rank
      FROM page_messages p WHERE p."searchVector" @@ ${searchQuery(q)}
    )
    SELECT x."sessionId" AS session_id, x.id, x.author::text AS author, ${utc('x."createdAt"')} AS created_at,
      ts_headline('simple', translate(x.body, ${MATCH_START + MATCH_STOP}, ''), ${searchQuery(q)}, ${HEADLINE_OPTIONS}) AS headline
    FROM matching x WHERE x.rank <= ${SNIPPETS_PER_CONVERSATION}::int
    ORDER BY x."createdAt" DESC, x.id DESC`;
  const snippets = new Map<string, ConversationSnippet[]>();
  for (const row of rows) {
    const list = snippets.get(row.session_id) ?? [];
    list.push({ message_id: row.id, author: row.author, created_at: row.created_at.toISOString(), parts: splitHighlight(row.headline) });
    snippets.set(row.session_id, list);
  }
  return snippets;
}

/** One page of the business's conversations matching `filter`, newest first. */
export async function listConversations(db: PrismaClient, scope: BusinessScope, filter: ConversationFilter, pageSize = CONVERSATION_PAGE_SIZE): Promise<ConversationPage> {
  const conditions = await filterConditions(db, scope, filter);
  if (!conditions) return { conversations: [], next_cursor: null };
  const keys = await matchingSessions(db, conditions, { after: filter.cursor ? parseCursor(filter.cursor) : null, limit: pageSize + 1 });
  const page = keys.slice(0, pageSize).map((key) => key.id);
  const [summaries, snippets] = await Promise.all([loadSummaries(db, scope, page), filter.q ? loadSnippets(db, scope, page, filter.q) : new Map<string, ConversationSnippet[]>()]);
  const conversations: ConversationListItem[] = summaries.map(({ handoff_summary: _summary, ...summary }) => ({ ...summary, snippets: snippets.get(summary.id) ?? [] }));
  const last = conversations[conversations.length - 1];
  return { conversations, next_cursor: keys.length > pageSize && last ? cursorOf(last) : null };
}
