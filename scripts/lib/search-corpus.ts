/**
 * A large business for the conversation-search benchmark, written with bulk SQL (generate_series)
 * in seconds: sessions over 90 days with the product's mix of outcomes, ratings and tags, and
 * messages whose words follow a skewed (Zipf-like) distribution over a support-chat vocabulary,
 * with order numbers and a tail of rare words, as real transcripts have.
 */
import type { PrismaClient } from "../../lib/db/prisma-client.server";

/** Everyday support-chat words, most frequent first: word i is drawn about (i+1)^-0.6 as often as the first. */
export const COMMON_WORDS = (
  "the to i my you a and is it for of order on in this can please thanks have with be not your we that me was refund " +
  "hi hello help parcel delivery account password email payment card when where what how status still tracking " +
  "number today days week invoice address change cancel return item received arrived damaged missing wrong size " +
  "colour price discount code coupon charged twice bank transfer reset login app error page website checkout basket " +
  "shipping courier label store credit exchange warranty broken replacement subscription plan billing meter reading " +
  "tariff bill direct debit outage engineer appointment thank great sorry wait sure check look moment minutes " +
  "again already yet soon morning afternoon evening tomorrow yesterday monday friday weekend quick question issue"
).split(" ");

/** Words that occur in a few hundred messages out of a million at most. */
export const RARE_WORDS = "espresso hammock kayak tandem lantern marimba quokka saffron zeppelin origami sitar tamarind yodel".split(" ");

/** A phrase customers actually type: every word common, the sequence much rarer. */
export const COMMON_PHRASE = "where is my parcel";

export interface CorpusSize {
  sessions: number;
  messagesPerSession: number;
}

export interface CorpusFacts {
  sessions: number;
  messages: number;
  /** An order number that occurs in the corpus (for a rare-token search). */
  orderNumber: string;
  agentIds: string[];
  tagNames: string[];
  seconds: number;
}

const TAGS = ["billing", "delivery", "refund", "bug", "vip", "complaint", "feedback", "urgent"];

/**
 * Fills `businessId` (which must be empty) with `size.sessions` conversations of
 * `size.messagesPerSession` messages. The GIN index is dropped for the bulk insert and built again
 * afterwards (far faster than maintaining it row by row), then everything is analyzed.
 */
export async function generateSearchCorpus(db: PrismaClient, businessId: string, size: CorpusSize): Promise<CorpusFacts> {
  const started = performance.now();
  await db.$executeRaw`INSERT INTO "Agent" (id, "businessId", kind, "displayName", status, capacity, "lastSeenAt")
    SELECT gen_random_uuid(), ${businessId}::uuid, 'HUMAN', 'Agent ' || g, 'OFFLINE', 5, now() FROM generate_series(1, 12) g`;
  await db.$executeRaw`INSERT INTO "Customer" (id, "businessId", name, email)
    SELECT gen_random_uuid(), ${businessId}::uuid, 'Customer ' || g, 'customer' || g || '@bench.test' FROM generate_series(1, 20000) g`;
  await db.$executeRaw`INSERT INTO "Tag" (id, "businessId", name, color) SELECT gen_random_uuid(), ${businessId}::uuid, t, 'slate' FROM unnest(${TAGS}::text[]) t`;
  // Over 90 days: a third resolved by the assistant, 4% abandoned in the queue, the rest handled by people.
  await db.$executeRaw`
    WITH c AS (SELECT array_agg(id) AS ids FROM "Customer" WHERE "businessId" = ${businessId}::uuid),
         a AS (SELECT array_agg(id ORDER BY "displayName") AS ids FROM "Agent" WHERE "businessId" = ${businessId}::uuid)
    INSERT INTO "ChatSession" (id, "businessId", "customerId", status, "assignedAgentId", "createdAt", "queuedAt", "assignedAt", "firstResponseAt", "closedAt", "lastMessageAt", "handoffReason")
    SELECT gen_random_uuid(), ${businessId}::uuid, c.ids[1 + g % 20000],
      (CASE WHEN g % 25 = 0 THEN 'ABANDONED' ELSE 'CLOSED' END)::"SessionStatus",
      CASE WHEN g % 3 = 0 OR g % 25 = 0 THEN NULL ELSE a.ids[1 + g % 12] END,
      t, CASE WHEN g % 3 = 0 THEN NULL ELSE t + interval '30 seconds' END,
      CASE WHEN g % 3 = 0 OR g % 25 = 0 THEN NULL ELSE t + interval '30 seconds' + (g % 300) * interval '1 second' END,
      CASE WHEN g % 3 = 0 OR g % 25 = 0 THEN NULL ELSE t + interval '50 seconds' + (g % 300) * interval '1 second' END,
      t + interval '25 minutes', t + interval '24 minutes',
      CASE WHEN g % 3 = 0 THEN NULL ELSE (ARRAY['Customer asked for a person', 'Refund not received', 'Parcel marked delivered but not received'])[1 + g % 3] END
    FROM generate_series(1, ${size.sessions}::int) g, c, a,
      LATERAL (SELECT now() - interval '30 minutes' - (g::float8 / ${size.sessions}::int) * interval '90 days' AS t) x`;
  await db.$executeRaw`
    INSERT INTO "SatisfactionRating" (id, "sessionId", "businessId", score, comment, "createdAt")
    SELECT gen_random_uuid(), s.id, s."businessId", 1 + (abs(hashtext(s.id::text)) % 5),
      CASE WHEN abs(hashtext(s.id::text)) % 7 = 0 THEN 'Quick and friendly' END, s."closedAt" + interval '1 minute'
    FROM "ChatSession" s WHERE s."businessId" = ${businessId}::uuid AND s.status = 'CLOSED' AND abs(hashtext(s.id::text)) % 10 < 4`;
  await db.$executeRaw`
    INSERT INTO "SessionTag" ("businessId", "sessionId", "tagId", "createdAt")
    SELECT s."businessId", s.id, t.id, s."createdAt" + interval '5 minutes'
    FROM "ChatSession" s JOIN "Tag" t ON t."businessId" = s."businessId" AND t.name = (${TAGS}::text[])[1 + abs(hashtext(s.id::text)) % 8]
    WHERE s."businessId" = ${businessId}::uuid AND abs(hashtext(s.id::text || 't')) % 5 = 0`;

  await db.$executeRawUnsafe(`DROP INDEX "ChatMessage_searchVector_idx"`);
  // Each message: 4 to 19 words drawn with a skew towards the common ones; one opening in twenty asks
  // COMMON_PHRASE, one customer message in ten names an order number, one message in 400 a rare word.
  await db.$executeRaw`
    INSERT INTO "ChatMessage" (id, "businessId", "sessionId", author, "agentId", body, "createdAt")
    SELECT gen_random_uuid(), s."businessId", s.id,
      (CASE WHEN k % 2 = 1 THEN 'CUSTOMER' WHEN s."assignedAgentId" IS NULL THEN 'ASSISTANT' ELSE 'AGENT' END)::"MessageAuthor",
      CASE WHEN k % 2 = 0 THEN s."assignedAgentId" END,
      CASE WHEN k = 1 AND random() < 0.05 THEN ${COMMON_PHRASE} || ' ' ELSE '' END
      || array_to_string(ARRAY(
        SELECT (${COMMON_WORDS}::text[])[1 + floor(power(random(), 2.5) * ${COMMON_WORDS.length}::int)::int]
        FROM generate_series(1, 4 + ((hashtext(s.id::text) & 1023) + k * 7) % 16)
      ), ' ')
      || CASE WHEN k % 2 = 1 AND random() < 0.1 THEN ' order #' || (100000 + floor(random() * 900000)::int) ELSE '' END
      || CASE WHEN random() < 0.0025 THEN ' ' || (${RARE_WORDS}::text[])[1 + floor(random() * ${RARE_WORDS.length}::int)::int] ELSE '' END,
      s."createdAt" + k * interval '1 minute'
    FROM "ChatSession" s, generate_series(1, ${size.messagesPerSession}::int) k
    WHERE s."businessId" = ${businessId}::uuid`;
  await db.$executeRawUnsafe(`SET maintenance_work_mem = '256MB'`);
  await db.$executeRawUnsafe(`CREATE INDEX "ChatMessage_searchVector_idx" ON "ChatMessage" USING GIN ("searchVector")`);
  await db.$executeRawUnsafe("ANALYZE");

  const [facts] = await db.$queryRaw<{ sessions: number; messages: number; order_number: string }[]>`
    SELECT (SELECT count(*) FROM "ChatSession" WHERE "businessId" = ${businessId}::uuid)::int AS sessions,
           (SELECT count(*) FROM "ChatMessage" WHERE "businessId" = ${businessId}::uuid)::int AS messages,
           (SELECT substring(body from '#([0-9]+)') FROM "ChatMessage" WHERE "businessId" = ${businessId}::uuid AND body LIKE '%order #%' LIMIT 1) AS order_number`;
  const agents = await db.agent.findMany({ where: { businessId }, select: { id: true }, orderBy: { displayName: "asc" } });
  return {
    sessions: facts.sessions,
    messages: facts.messages,
    orderNumber: facts.order_number,
    agentIds: agents.map((agent) => agent.id),
    tagNames: TAGS,
    seconds: (performance.now() - started) / 1000,
  };
}
