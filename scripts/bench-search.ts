/**
 * npm run bench:search — conversation search on a million messages. A throwaway PostgreSQL gets a
 * business with BENCH_SESSIONS (50,000) conversations of 20 messages (scripts/lib/search-corpus.ts:
 * skewed word frequencies, order numbers, rare words, a common phrase), then the real production
 * server (server.ts, Next included) answers GET /api/v1/admin/conversations?q=… for each kind of
 * query: common words, rare words and order numbers, a phrase, a word that is nowhere, and each
 * combined with a filter. Timed per request, sent → response received (the whole JSON page: 25
 * conversations with their details and highlighted snippets). The bare baseline replays, in the
 * same run, exactly the SQL statements one such request runs, through `pg` directly.
 *
 * BENCH_REQUESTS (30) requests per query, one at a time. Writes the figures into
 * docs/benchmarks.md (BENCH_WRITE_DOCS=false: print only).
 */
import { spawn } from "node:child_process";
import os from "node:os";
import pg from "pg";
import { Prisma } from "../lib/db/generated/client";
import { applyMigrations } from "../lib/db/migrate.server";
import { createPrismaClient, type PrismaClient } from "../lib/db/prisma-client.server";
import { conversationFilter, filterInput } from "../lib/contract/conversations";
import { listConversations } from "../lib/conversations/conversation-list.server";
import { addMembership, createBusiness, createUser } from "../lib/seed/factories.server";
import { freePort } from "../lib/server/free-port";
import { systemScope } from "../lib/tenancy/memberships.server";
import { sessionTokenFor } from "../tests/support/auth-tokens";
import { COMMON_PHRASE, generateSearchCorpus, RARE_WORDS } from "./lib/search-corpus";
import { formatLatencies, loadAverage, machineDescription, passOrMiss, percentile } from "./lib/stats";
import { withThrowawayPostgres } from "./lib/throwaway-postgres";
import { createTimedHttpClient } from "./lib/timed-http";
import { writeResultsToDocs } from "./lib/docs-results";

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 50_000);
const MESSAGES_PER_SESSION = 20;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 30);
const WRITE_DOCS = process.env.BENCH_WRITE_DOCS !== "false";
const TARGET_P95_MS = 200;
const AUTH_SECRET = "bench-search-secret-0123456789abcdef";

const DOCS_HEADING = "## `npm run bench:search` — conversation search on a million messages (issue 16)";

interface Query {
  kind: "common word" | "rare word" | "phrase" | "no match" | "with a filter";
  label: string;
  query: string;
}

function queries(facts: { orderNumber: string; agentIds: string[] }): Query[] {
  const weekAgo = new Date(Date.now() - 7 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  return [
    { kind: "common word", label: "order", query: "q=order" },
    { kind: "common word", label: "thanks", query: "q=thanks" },
    { kind: "common word", label: "two common words", query: "q=wrong size" },
    { kind: "rare word", label: RARE_WORDS[0], query: `q=${RARE_WORDS[0]}` },
    { kind: "rare word", label: "order number", query: `q=${facts.orderNumber}` },
    { kind: "rare word", label: "either of two rare words", query: `q=${RARE_WORDS[1]} or ${RARE_WORDS[2]}` },
    { kind: "phrase", label: `"${COMMON_PHRASE}"`, query: `q="${COMMON_PHRASE}"` },
    { kind: "no match", label: "a word that is nowhere", query: "q=zyxwvut" },
    { kind: "with a filter", label: "common word, status left", query: "q=refund&status=ABANDONED" },
    { kind: "with a filter", label: "common word, one agent", query: `q=order&agent_id=${facts.agentIds[1]}` },
    { kind: "with a filter", label: "common word, a tag", query: "q=refund&tag=vip" },
    { kind: "with a filter", label: "rare word, CSAT 1–2", query: `q=${RARE_WORDS[3]}&csat=1,2` },
    { kind: "with a filter", label: "phrase, last 7 days", query: `q="${COMMON_PHRASE}"&from=${weekAgo}` },
    { kind: "with a filter", label: "no search, status + CSAT", query: "status=CLOSED&csat=1&outcome=handed_off" },
  ];
}

async function waitForHealth(url: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await fetch(`${url}/health`).catch(() => null))?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the server at ${url} did not come up`);
}

/** The raw statements one list request runs (captured from the product's own code, parameters included). */
async function statementsOf(db: PrismaClient, businessId: string, query: string): Promise<Prisma.Sql[]> {
  const captured: Prisma.Sql[] = [];
  const recording = new Proxy(db, {
    get(target, property) {
      if (property !== "$queryRaw") return Reflect.get(target, property, target);
      return (query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => {
        const sql = query instanceof Prisma.Sql ? query : Prisma.sql(query, ...values);
        captured.push(sql);
        return target.$queryRaw(sql);
      };
    },
  });
  await listConversations(recording, systemScope(businessId, "tooling"), conversationFilter.parse(filterInput(new URLSearchParams(query))));
  return captured;
}

await withThrowawayPostgres(async (embedded) => {
  const databaseUrl = embedded.connectionString;
  await applyMigrations(databaseUrl);
  const db = createPrismaClient(databaseUrl, 4);
  const business = await createBusiness(db, { slug: "bench", name: "Bench Co", legalName: "Bench Co Ltd" });
  const owner = await createUser(db, { email: "owner@bench.test" });
  await addMembership(db, { userId: owner.id, businessId: business.id, role: "OWNER" });
  const facts = await generateSearchCorpus(db, business.id, { sessions: SESSIONS, messagesPerSession: MESSAGES_PER_SESSION });
  console.log(`generated ${facts.sessions} conversations, ${facts.messages} messages in ${facts.seconds.toFixed(0)} s`);

  const port = await freePort();
  const serverUrl = `http://127.0.0.1:${port}`;
  const server = spawn("node", ["--import", "tsx", "server.ts"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      REDIS_URL: "",
      NEXTAUTH_SECRET: AUTH_SECRET,
      NEXTAUTH_URL: `http://localhost:${port}`,
      SEED_DEMO_DATA: "false",
      LOG_LEVEL: "warn",
    },
  });
  const bare = new pg.Client({ connectionString: databaseUrl });
  try {
    await waitForHealth(serverUrl);
    await bare.connect();
    const headers = { authorization: `Bearer ${await sessionTokenFor(db, owner.email, AUTH_SECRET)}` };
    const client = createTimedHttpClient(serverUrl, 1);
    const list = queries(facts);
    const api = new Map<Query, number[]>();
    const baseline = new Map<Query, number[]>();
    const found = new Map<Query, number>();
    for (const query of list) {
      const path = `/api/v1/admin/conversations?company_id=${business.id}&${new URLSearchParams(query.query)}`;
      // Warm-up: Next's route compiled and cached, connections open.
      for (let i = 0; i < 3; i++) found.set(query, (await client.request<{ conversations: unknown[] }>("GET", path, 200, undefined, headers)).body.conversations.length);
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const timed = await client.request("GET", path, 200, undefined, headers);
        times.push(timed.receivedAt - timed.sentAt);
      }
      api.set(query, times);
      const statements = await statementsOf(db, business.id, query.query);
      const bareTimes: number[] = [];
      for (let i = 0; i < REQUESTS + 3; i++) {
        const started = performance.now();
        for (const statement of statements) await bare.query(statement.text, statement.values as unknown[]);
        if (i >= 3) bareTimes.push(performance.now() - started);
      }
      baseline.set(query, bareTimes);
      console.log(
        `${query.kind.padEnd(14)} ${query.label.padEnd(30)} ${String(found.get(query)).padStart(2)} found  API ${formatLatencies(times, [50, 95, 99])}   bare SQL ${formatLatencies(bareTimes, [50, 95])}`,
      );
    }
    client.close();

    const all = [...api.values()].flat();
    const allBare = [...baseline.values()].flat();
    const sortedAll = Float64Array.from(all).sort();
    const p95 = percentile(sortedAll, 95);
    const kinds = [...new Set(list.map((query) => query.kind))];
    const row = (cells: string[], values: number[], bareValues: number[]) => {
      const sorted = Float64Array.from(values).sort();
      const bareSorted = Float64Array.from(bareValues).sort();
      return `| ${cells.join(" | ")} | ${[50, 95, 99].map((p) => percentile(sorted, p).toFixed(1)).join(" | ")} | ${sorted[sorted.length - 1].toFixed(1)} | ${percentile(bareSorted, 50).toFixed(1)} | ${percentile(bareSorted, 95).toFixed(1)} |`;
    };
    const section = [
      `Run ${new Date().toISOString().slice(0, 10)} on ${machineDescription()} (nproc ${os.availableParallelism()}), ${loadAverage()} at the end (other work on the machine counts). ${facts.sessions.toLocaleString("en")} conversations, ${facts.messages.toLocaleString("en")} messages in one business; ${REQUESTS} requests per query, one at a time, after 3 warm-up requests each. Milliseconds, request sent → response received (a page of 25 with details and highlighted snippets), through the production server (server.ts with Next). "Bare SQL" is the same statements of one request, sent by \`pg\` directly in the same run.`,
      "",
      "| query | found | p50 | p95 | p99 | max | bare SQL p50 | bare SQL p95 |",
      "| --- | --- | --- | --- | --- | --- | --- | --- |",
      ...list.map((query) => row([`${query.kind}: ${query.label}`, String(found.get(query))], api.get(query)!, baseline.get(query)!)),
      "",
      "| kind | p50 | p95 | p99 | max | bare SQL p50 | bare SQL p95 |",
      "| --- | --- | --- | --- | --- | --- | --- |",
      ...kinds.map((kind) => {
        const members = list.filter((query) => query.kind === kind);
        return row(
          [kind],
          members.flatMap((query) => api.get(query)!),
          members.flatMap((query) => baseline.get(query)!),
        );
      }),
      row(["**all**"], all, allBare),
      "",
      `Target: p95 < ${TARGET_P95_MS} ms over all queries — **${passOrMiss(p95 < TARGET_P95_MS)}** (${p95.toFixed(1)} ms).`,
    ].join("\n");
    console.log(`\n${section}`);
    if (WRITE_DOCS) writeResultsToDocs("bench:search", DOCS_HEADING, section);
  } finally {
    await bare.end().catch(() => undefined);
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    await db.$disconnect();
  }
});
