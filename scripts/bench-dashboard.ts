/**
 * npm run bench:dashboard — a throwaway business with 100k sessions and 1M messages (bulk SQL,
 * generate_series), then 200 orchestrations over a real socket: p50/p95 of orchestrate_init →
 * full_data, and of each widget query on its own.
 */
import { WIDGETS, type WidgetName } from "../lib/contract/widgets";
import { loadWidget } from "../lib/dashboard/load-widget.server";
import { applyMigrations } from "../lib/db/migrate.server";
import { createPrismaClient, type PrismaClient } from "../lib/db/prisma-client.server";
import { DASHBOARD_NAMESPACE } from "../lib/contract/dashboard";
import { addMembership, createBusiness, createUser } from "../lib/seed/factories.server";
import { sessionTokenFor } from "../tests/support/auth-tokens";
import { connected, startTestServer } from "../tests/support/test-server";
import { formatLatencies, machineDescription } from "./lib/stats";
import { withThrowawayPostgres } from "./lib/throwaway-postgres";
import { systemScope } from "../lib/tenancy/memberships.server";

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 100_000);
const MESSAGES_PER_SESSION = 10;
const ORCHESTRATIONS = Number(process.env.BENCH_ORCHESTRATIONS ?? 200);

async function generate(db: PrismaClient, businessId: string): Promise<void> {
  const started = performance.now();
  await db.$executeRaw`INSERT INTO "Agent" (id, "businessId", kind, "displayName", status, capacity, "lastSeenAt")
    SELECT gen_random_uuid(), ${businessId}::uuid, 'HUMAN', 'Agent ' || g, (ARRAY['ONLINE','AWAY','OFFLINE'])[1 + g % 3]::"AgentStatus", 5, now()
    FROM generate_series(1, 12) g`;
  await db.$executeRaw`INSERT INTO "Customer" (id, "businessId", name, email)
    SELECT gen_random_uuid(), ${businessId}::uuid, 'Customer ' || g, 'customer' || g || '@bench.test' FROM generate_series(1, 20000) g`;
  // Sessions spread over 30 days: a third resolved by the assistant, 4% abandoned, the rest handled by people.
  await db.$executeRaw`
    WITH c AS (SELECT array_agg(id) AS ids FROM "Customer" WHERE "businessId" = ${businessId}::uuid),
         a AS (SELECT array_agg(id) AS ids FROM "Agent" WHERE "businessId" = ${businessId}::uuid)
    INSERT INTO "ChatSession" (id, "businessId", "customerId", status, priority, "assignedAgentId", "createdAt", "queuedAt", "assignedAt", "firstResponseAt", "closedAt", "lastMessageAt", "handoffReason")
    SELECT gen_random_uuid(), ${businessId}::uuid, c.ids[1 + g % 20000],
      (CASE WHEN g % 25 = 0 THEN 'ABANDONED' ELSE 'CLOSED' END)::"SessionStatus", 0,
      CASE WHEN g % 3 = 0 OR g % 25 = 0 THEN NULL ELSE a.ids[1 + g % 12] END,
      t, CASE WHEN g % 3 = 0 THEN NULL ELSE t + interval '20 seconds' END,
      CASE WHEN g % 3 = 0 OR g % 25 = 0 THEN NULL ELSE t + interval '20 seconds' + (g % 300) * interval '1 second' END,
      CASE WHEN g % 3 = 0 OR g % 25 = 0 THEN NULL ELSE t + interval '40 seconds' + (g % 300) * interval '1 second' END,
      t + interval '12 minutes', t + interval '11 minutes',
      CASE WHEN g % 3 = 0 THEN NULL ELSE 'customer asked for a person' END
    FROM generate_series(1, ${SESSIONS}::int) g, c, a,
      LATERAL (SELECT now() - interval '13 minutes' - (g::float8 / ${SESSIONS}::int) * interval '30 days' AS t) x`;
  // Live work right now: 40 waiting, 24 active.
  await db.$executeRaw`
    WITH c AS (SELECT array_agg(id) AS ids FROM "Customer" WHERE "businessId" = ${businessId}::uuid),
         a AS (SELECT array_agg(id) AS ids FROM "Agent" WHERE "businessId" = ${businessId}::uuid AND status = 'ONLINE')
    INSERT INTO "ChatSession" (id, "businessId", "customerId", status, priority, "assignedAgentId", "createdAt", "queuedAt", "assignedAt", "firstResponseAt", "lastMessageAt")
    SELECT gen_random_uuid(), ${businessId}::uuid, c.ids[g],
      (CASE WHEN g <= 40 THEN 'WAITING' ELSE 'ACTIVE' END)::"SessionStatus", g % 2,
      CASE WHEN g <= 40 THEN NULL ELSE a.ids[1 + g % array_length(a.ids, 1)] END,
      now() - g * interval '20 seconds', now() - g * interval '15 seconds',
      CASE WHEN g <= 40 THEN NULL ELSE now() - g * interval '10 seconds' END,
      CASE WHEN g <= 40 THEN NULL ELSE now() - g * interval '5 seconds' END,
      now() - g * interval '2 seconds'
    FROM generate_series(1, 64) g, c, a`;
  await db.$executeRaw`
    INSERT INTO "ChatMessage" (id, "businessId", "sessionId", author, body, "createdAt")
    SELECT gen_random_uuid(), s."businessId", s.id,
      (CASE WHEN k % 2 = 1 THEN 'CUSTOMER' WHEN s."assignedAgentId" IS NULL THEN 'ASSISTANT' ELSE 'AGENT' END)::"MessageAuthor",
      'Benchmark message ' || k, s."createdAt" + k * interval '1 minute'
    FROM "ChatSession" s, generate_series(1, ${MESSAGES_PER_SESSION}::int) k
    WHERE s."businessId" = ${businessId}::uuid AND s."createdAt" + k * interval '1 minute' < now()`;
  await db.$executeRaw`
    INSERT INTO "SatisfactionRating" (id, "sessionId", "businessId", score, comment, "createdAt")
    SELECT gen_random_uuid(), s.id, s."businessId", 1 + (abs(hashtext(s.id::text)) % 5),
      CASE WHEN abs(hashtext(s.id::text)) % 7 = 0 THEN 'Benchmark comment' END, s."closedAt" + interval '1 minute'
    FROM "ChatSession" s
    WHERE s."businessId" = ${businessId}::uuid AND s.status = 'CLOSED' AND abs(hashtext(s.id::text)) % 10 < 4`;
  await db.$executeRawUnsafe("ANALYZE");
  const counts = await db.$queryRaw<{ sessions: number; messages: number; ratings: number }[]>`
    SELECT (SELECT count(*) FROM "ChatSession" WHERE "businessId" = ${businessId}::uuid)::int AS sessions,
           (SELECT count(*) FROM "ChatMessage" WHERE "businessId" = ${businessId}::uuid)::int AS messages,
           (SELECT count(*) FROM "SatisfactionRating" WHERE "businessId" = ${businessId}::uuid)::int AS ratings`;
  const { sessions, messages, ratings } = counts[0];
  console.log(`generated ${sessions} sessions, ${messages} messages, ${ratings} ratings in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

await withThrowawayPostgres(async (pg) => {
  const url = pg.connectionString;
  await applyMigrations(url);
  const db = createPrismaClient(url, 10);
  const business = await createBusiness(db, { slug: "bench", name: "Bench Co", legalName: "Bench Co Ltd" });
  const owner = await createUser(db, { email: "owner@bench.test" });
  await addMembership(db, { userId: owner.id, businessId: business.id, role: "OWNER" });
  await generate(db, business.id);

  const server = await startTestServer(db);
  const socket = server.connect(DASHBOARD_NAMESPACE, { auth: { token: await sessionTokenFor(db, owner.email) } });
  await connected(socket);

  const run = async () => {
    const started = performance.now();
    const fullData = new Promise<void>((resolve) => socket.once("dashboard.full_data", () => resolve()));
    const finished = new Promise<void>((resolve) => {
      const onComplete = (payload: { phase: string }) => {
        if (payload.phase !== "llm") return;
        socket.off("dashboard.phase_complete", onComplete);
        resolve();
      };
      socket.on("dashboard.phase_complete", onComplete);
    });
    const ack = await socket.emitWithAck("dashboard.orchestrate_init", { company_id: business.id });
    if (!ack.success) throw new Error(JSON.stringify(ack));
    await fullData;
    const elapsed = performance.now() - started;
    await finished;
    return elapsed;
  };
  for (let i = 0; i < 10; i++) await run(); // warm-up: plans cached, pool filled
  const totals: number[] = [];
  for (let i = 0; i < ORCHESTRATIONS; i++) totals.push(await run());

  const perWidget = {} as Record<WidgetName, number[]>;
  for (const widget of WIDGETS) {
    perWidget[widget] = [];
    for (let i = 0; i < ORCHESTRATIONS; i++) {
      const started = performance.now();
      await loadWidget(db, systemScope(business.id, "tooling"), widget);
      perWidget[widget].push(performance.now() - started);
    }
  }

  console.log(`\nmachine: ${machineDescription()}`);
  console.log(`orchestrate_init → full_data (${ORCHESTRATIONS} runs):  ${formatLatencies(totals)}`);
  for (const widget of WIDGETS) console.log(`  widget ${widget.padEnd(18)} ${formatLatencies(perWidget[widget])}`);
  socket.close();
  await server.close();
  await db.$disconnect();
});
