/**
 * npm run bench:multinode — the bench:fanout load on two server nodes sharing pushes through Redis
 * (a throwaway redis-server; decision 026), against one node in the same run. 1,000 staff
 * sockets watch one business from a socket fleet (child processes), split evenly between the nodes;
 * the driver's requests take turns between the nodes, so most pushes reach half the sockets
 * through Redis. Headline: request sent → push at every socket, and the two-node p99 over the
 * one-node p99. The one-node phase runs first, as a single node is deployed: no Redis.
 *
 * BENCH_SOCKETS (1000), BENCH_CHATS_PER_SECOND (20), BENCH_DURATION_S (20), BENCH_MESSAGES_PER_CHAT (1),
 * BENCH_FLEET_PROCESSES (4), BENCH_FLEET_PRIORITY (nice 10; or "idle").
 */
import type { PrismaClient } from "../lib/db/prisma-client.server";
import { startTestRedis } from "../tests/support/redis-server";
import { SERVER_PLACEMENT, startBenchServer, withBenchDatabase, type ServerProcess } from "./lib/bench-stack";
import { createChatClient } from "./lib/chat-client";
import { CHAT_PUSH_RULES, MESSAGE_GAP_MS, runChatLoad } from "./lib/chat-load";
import { awaitDeliveries, describeDeliveries, p99Of, summarizeDeliveries } from "./lib/deliveries";
import { startLoadWindow } from "./lib/load-window";
import { startSocketFleet } from "./lib/socket-fleet";
import { createBenchBusiness, staffSocketSpecs, workspaceSockets, type BenchBusiness } from "./lib/staff";
import { loadAverage, machineDescription } from "./lib/stats";

const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 1000);
const CHATS_PER_SECOND = Number(process.env.BENCH_CHATS_PER_SECOND ?? 20);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 20);
const MESSAGES_PER_CHAT = Number(process.env.BENCH_MESSAGES_PER_CHAT ?? 1);
const DRAIN_TIMEOUT_MS = 10_000;

console.log(
  `bench:multinode — ${SOCKETS} /dashboard sockets watching one business; ${CHATS_PER_SECOND} new chats/s for ${DURATION_S} s, ` +
    `${MESSAGES_PER_CHAT} message(s) per chat ${MESSAGE_GAP_MS} ms apart; one node, then two nodes over Redis`,
);
console.log(`machine: ${machineDescription()}; ${loadAverage()}`);
const fleet = await startSocketFleet();
console.log(`${SERVER_PLACEMENT}, each node; sockets in ${fleet.placement}; the driver in this process\n`);

/** The load on `servers`: sockets split between them, requests taking turns. `phase` names the socket group and the customers. */
async function measure(phase: "one-node" | "two-nodes", business: BenchBusiness, servers: ServerProcess[]) {
  const urls = servers.map((server) => server.url);
  const clients = urls.map((url) => createChatClient(url, 1000));
  try {
    const opened = await fleet.open(phase, staffSocketSpecs(business, SOCKETS, urls), { ...workspaceSockets(business), rules: CHAT_PUSH_RULES });
    if (opened.failed) throw new Error(`${phase}: ${opened.failed} sockets failed to connect: ${JSON.stringify(opened.failures)}`);
    console.log(`${phase}: ${opened.joined} sockets in the business room in ${opened.seconds.toFixed(1)} s; ${CHATS_PER_SECOND} chats/s for ${DURATION_S} s…`);
    const endLoadWindow = await startLoadWindow(
      servers.map((server) => server.metrics),
      fleet.pids,
    );
    const load = await runChatLoad({
      clients,
      businessSlug: business.slug,
      chatsPerSecond: CHATS_PER_SECOND,
      durationS: DURATION_S,
      messagesPerChat: MESSAGES_PER_CHAT,
      watchers: SOCKETS,
      name: phase,
    });
    await awaitDeliveries(fleet, load.pushes, DRAIN_TIMEOUT_MS);
    const loadLines = await endLoadWindow();
    await fleet.close(phase);
    return { load, deliveries: summarizeDeliveries(load.pushes, fleet), loadLines };
  } finally {
    for (const client of clients) client.close();
  }
}

/** Ends the business's waiting chats in the database, so that the next phase starts from the same empty queue (its servers start afresh). */
async function emptyQueue(db: PrismaClient, business: BenchBusiness) {
  await db.chatSession.updateMany({ where: { businessId: business.id, status: "WAITING" }, data: { status: "ABANDONED", closedAt: new Date() } });
}

try {
  const redis = await startTestRedis();
  try {
    const [oneNode, twoNodes] = await withBenchDatabase(async ({ databaseUrl, db }) => {
      const business = await createBenchBusiness(db, SOCKETS);
      const single = await startBenchServer(databaseUrl);
      const alone = await measure("one-node", business, [single]).finally(() => single.stop());
      await emptyQueue(db, business);
      const pair = await Promise.all([startBenchServer(databaseUrl, { redisUrl: redis.url }), startBenchServer(databaseUrl, { redisUrl: redis.url })]);
      const shared = await measure("two-nodes", business, pair).finally(() => Promise.all(pair.map((server) => server.stop())));
      return [alone, shared];
    });

    for (const [label, { load, deliveries, loadLines }] of [
      ["one node (no Redis)", oneNode],
      ["two nodes over Redis, sockets and requests split evenly", twoNodes],
    ] as const) {
      const failures = load.failures.length ? ` (first: ${load.failures[0]})` : "";
      console.log(`\n${label}: ${load.chatsOpened} chats opened in ${load.openingSeconds.toFixed(1)} s, ${load.messagesSent} messages; HTTP failures: ${load.failures.length}${failures}`);
      console.log(`request sent → push at every socket (${SOCKETS} sockets):`);
      for (const line of describeDeliveries(deliveries)) console.log(line);
      for (const line of loadLines) console.log(`  ${line}`);
    }
    const ratio = p99Of(twoNodes.deliveries) / p99Of(oneNode.deliveries);
    console.log(`\ntwo nodes p99 ${p99Of(twoNodes.deliveries).toFixed(1)} ms / one node p99 ${p99Of(oneNode.deliveries).toFixed(1)} ms = ${ratio.toFixed(2)}×`);
  } finally {
    await redis.stop();
  }
  console.log(`${loadAverage()} at the end`);
} finally {
  await fleet.stop();
}
