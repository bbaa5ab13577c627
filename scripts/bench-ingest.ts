/**
 * npm run bench:ingest — customer messages per second through POST /api/v1/chat/{id}/task: 50
 * concurrent customers, each in its own chat, posting back to back (keep-alive), every message
 * persisted (checked with COUNT(*)) and fanned out (counted by a staff socket of the business).
 * Then, on the same PostgreSQL, the raw rate of single-row INSERTs of comparable rows into
 * "ChatMessage" from 50 concurrent pg clients, and the ratio of the two.
 *
 * BENCH_CLIENTS (50), BENCH_DURATION_S (15) for each of the two phases.
 */
import pg from "pg";
import { setTimeout as sleep } from "node:timers/promises";
import { withBenchStack, SERVER_PLACEMENT } from "./lib/bench-stack";
import { createChatClient } from "./lib/chat-client";
import { startLoadWindow } from "./lib/load-window";
import { createBenchBusiness, openStaffSockets } from "./lib/staff";
import { formatLatencies, machineDescription, passOrMiss } from "./lib/stats";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 15);
/** The API should ingest at least this share of what PostgreSQL takes in raw inserts. */
const TARGET_SHARE_OF_RAW = 0.25;
/** After the API phase, fan-out still missing by then counts as lost. */
const DRAIN_TIMEOUT_MS = 5_000;

interface PhaseResult {
  completed: number;
  failed: number;
  firstError?: string;
  seconds: number;
  latencies: number[];
}

/** `workers` loops, each running `operation` back to back until the duration is up. */
async function runConcurrently(workers: number, operation: (worker: number, sequence: number) => Promise<unknown>): Promise<PhaseResult> {
  const result: PhaseResult = { completed: 0, failed: 0, seconds: 0, latencies: [] };
  const startedAt = performance.now();
  const deadline = startedAt + DURATION_S * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let sequence = 1; performance.now() < deadline; sequence++) {
        const operationStarted = performance.now();
        try {
          await operation(worker, sequence);
          result.completed += 1;
          result.latencies.push(performance.now() - operationStarted);
        } catch (error) {
          result.failed += 1;
          result.firstError ??= String(error);
        }
      }
    }),
  );
  result.seconds = (performance.now() - startedAt) / 1000;
  return result;
}

const rate = (result: PhaseResult) => result.completed / result.seconds;

function summary(result: PhaseResult, unit: string): string {
  const failures = result.failed ? `, FAILED ${result.failed} (first: ${result.firstError})` : ", failures 0";
  return `${result.completed} ${unit} in ${result.seconds.toFixed(1)} s = ${rate(result).toFixed(0)}/s${failures}\n     latency ${formatLatencies(result.latencies, [50, 95, 99])}`;
}

console.log(`bench:ingest — ${CLIENTS} concurrent customers posting messages back to back for ${DURATION_S} s, then ${CLIENTS} pg clients inserting into "ChatMessage" for ${DURATION_S} s`);
console.log(`machine: ${machineDescription()}`);
console.log(`${SERVER_PLACEMENT}; driver, staff socket and pg clients in this process\n`);

await withBenchStack(async ({ databaseUrl, db, serverUrl, serverMetrics }) => {
  const business = await createBenchBusiness(db, 1);
  const [staffSocket] = await openStaffSockets(serverUrl, business);
  let fannedOut = 0;
  staffSocket.on("session.updated", (update) => void (update.reason === "message" && (fannedOut += 1)));

  const client = createChatClient(serverUrl, CLIENTS);
  const chats = await Promise.all(Array.from({ length: CLIENTS }, async (_, index) => (await client.startChat(business.slug, `Customer ${index}`)).body));
  const sessionIds = chats.map((chat) => chat.session_id);

  const endApiLoad = await startLoadWindow([serverMetrics]);
  const api = await runConcurrently(CLIENTS, (worker, sequence) => client.postMessage(chats[worker], `Message ${sequence} from customer ${worker}`, `bench-${worker}-${sequence}`));
  const apiLoad = await endApiLoad();
  client.close();
  const drainDeadline = performance.now() + DRAIN_TIMEOUT_MS;
  while (fannedOut < api.completed && performance.now() < drainDeadline) await sleep(50);
  staffSocket.close();
  const [{ persisted }] = await db.$queryRaw<{ persisted: number }[]>`
    SELECT count(*)::int AS persisted FROM "ChatMessage" WHERE "sessionId" = ANY(${sessionIds}::uuid[])`;

  // The same row shape as the API's insert (lib/chat/session-store.server.ts), into the same sessions and indexes.
  const pgClients = Array.from({ length: CLIENTS }, () => new pg.Client({ connectionString: databaseUrl }));
  await Promise.all(pgClients.map((pgClient) => pgClient.connect()));
  const endRawLoad = await startLoadWindow([serverMetrics]);
  const raw = await runConcurrently(CLIENTS, (worker, sequence) =>
    pgClients[worker].query(
      `INSERT INTO "ChatMessage" (id, "businessId", "sessionId", author, body, "clientMessageId", "createdAt")
       VALUES (gen_random_uuid(), $1, $2, 'CUSTOMER', $3, $4, now())`,
      [business.id, sessionIds[worker], `Message ${sequence} from customer ${worker}`, `raw-${worker}-${sequence}`],
    ),
  );
  const rawLoad = await endRawLoad();
  await Promise.all(pgClients.map((pgClient) => pgClient.end()));

  const share = rate(api) / rate(raw);
  console.log(`API  POST /api/v1/chat/{id}/task: ${summary(api, "messages accepted (202)")}`);
  console.log(`     persisted (COUNT(*) of their ChatMessage rows): ${persisted}${persisted === api.completed ? " = 202s" : `  ← BUG: ${api.completed} were accepted`}`);
  console.log(`     fanned out (session.updated at a staff socket): ${fannedOut}${fannedOut === api.completed ? " = 202s" : `  ← BUG: ${api.completed} were accepted`}`);
  for (const line of apiLoad) console.log(`     ${line}`);
  console.log(`raw  INSERT INTO "ChatMessage", one row per statement: ${summary(raw, "rows")}`);
  for (const line of rawLoad) console.log(`     ${line}`);
  console.log(`\nAPI / raw: ${(share * 100).toFixed(1)}%   target ≥ ${TARGET_SHARE_OF_RAW * 100}%   ${passOrMiss(share >= TARGET_SHARE_OF_RAW)}`);
});
