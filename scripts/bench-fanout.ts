/**
 * npm run bench:fanout — 1,000 staff sockets on /dashboard watching one business while a driver
 * opens chats (POST /api/v1/chat/init) and posts a message in each (POST …/task) at a steady rate.
 * The headline is request sent → push at every socket: queue.updated (reason "created") for a new
 * chat, session.updated carrying the message for a message. The server stack runs in a child
 * process, the sockets in a fleet of child processes (scripts/lib/socket-fleet.ts) that stamp each
 * receipt on the machine's epoch clock, so the driver's own work does not delay the stamps.
 *
 * In the same run:
 * - tenant fairness: a second business with one watching socket and a trickle of its own chats,
 *   measured alone (before the burst) and during the first business's burst; its socket lives in a
 *   process of its own at normal priority (another customer's browser, on another machine in real
 *   life), so what it measures is the server, not a fleet process busy with the first business's
 *   frames;
 * - a bare Socket.IO baseline: a plain socket.io server (no auth, no database) and the same number
 *   of clients in the same fleet layout, replaying the pushes one product socket received (the
 *   same events and payloads, at the same rate), each triggered by an HTTP request of the driver;
 * - where the time goes: each server's push writes (made → last socket written, from its metrics)
 *   and how long each process waited for a core, alone and during the burst.
 *
 * BENCH_SOCKETS (1000), BENCH_CHATS_PER_SECOND (20), BENCH_DURATION_S (25), BENCH_MESSAGES_PER_CHAT (1),
 * BENCH_FAIRNESS_CHATS_PER_SECOND (5), BENCH_IDLE_PHASE_S (20); the fleet's BENCH_FLEET_PROCESSES (4) and BENCH_FLEET_PRIORITY (nice 10; or "idle").
 */
import { runBareBaseline } from "./lib/bare-baseline";
import { SERVER_PLACEMENT, startBenchServer, withBenchDatabase } from "./lib/bench-stack";
import { createChatClient } from "./lib/chat-client";
import { CHAT_PUSH_RULES, MESSAGE_GAP_MS, runChatLoad } from "./lib/chat-load";
import { awaitDeliveries, describeDeliveries, p99Of, summarizeDeliveries } from "./lib/deliveries";
import { startLoadWindow } from "./lib/load-window";
import { startSocketFleet, type GroupStatus, type ProfiledEvent } from "./lib/socket-fleet";
import { createBenchBusiness, staffSocketSpecs, workspaceSockets } from "./lib/staff";
import { loadAverage, machineDescription, passOrMiss } from "./lib/stats";

const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 1000);
const CHATS_PER_SECOND = Number(process.env.BENCH_CHATS_PER_SECOND ?? 20);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 25);
const MESSAGES_PER_CHAT = Number(process.env.BENCH_MESSAGES_PER_CHAT ?? 1);
// Enough of the quiet business's pushes (200 alone, 250 during the burst) that their p99 is not simply the slowest one.
const FAIRNESS_CHATS_PER_SECOND = Number(process.env.BENCH_FAIRNESS_CHATS_PER_SECOND ?? 5);
const IDLE_PHASE_S = Number(process.env.BENCH_IDLE_PHASE_S ?? 20);
/**
 * After the last response, pushes still missing by then count as lost. Long enough for an
 * overloaded run (40 chats/s) to drain its backlog: a late push is slow, not lost; the wait ends as
 * soon as every push has arrived.
 */
const DRAIN_TIMEOUT_MS = 60_000;
/** Product p99 at most this many times the bare baseline's; the quiet business's p99 during the burst at most this many times its idle one. */
const TARGET_RATIO = 2;

const WATCHERS = "watchers";
const QUIET_WATCHER = "quiet-watcher";

console.log(
  `bench:fanout — ${SOCKETS} /dashboard sockets (websocket) watching one business; ${CHATS_PER_SECOND} new chats/s for ${DURATION_S} s, ` +
    `${MESSAGES_PER_CHAT} message(s) per chat ${MESSAGE_GAP_MS} ms apart; a second business with 1 socket and ${FAIRNESS_CHATS_PER_SECOND} chat/s throughout`,
);
console.log(`machine: ${machineDescription()}; ${loadAverage()}`);

/** Events per second one socket received: its first to its last receipt. */
const deliveredRate = (profile: ProfiledEvent[]) => (profile.length > 1 ? ((profile.length - 1) * 1000) / (profile[profile.length - 1].at - profile[0].at) : 1);

const describeFailures = (failures: string[]) => `${failures.length}${failures.length ? ` (first: ${failures[0]})` : ""}`;

function describeTraffic(profile: ProfiledEvent[], status: GroupStatus): string {
  const seconds = profile.length / deliveredRate(profile);
  const byEvent = new Map<string, { count: number; jsonBytes: number }>();
  for (const { event, jsonBytes } of profile) {
    const totals = byEvent.get(event) ?? { count: 0, jsonBytes: 0 };
    totals.count += 1;
    totals.jsonBytes += jsonBytes;
    byEvent.set(event, totals);
  }
  const events = [...byEvent].map(([event, { count, jsonBytes }]) => `${event} ${count} (${(count / seconds).toFixed(1)}/s, mean ${Math.round(jsonBytes / count)} B)`);
  const uneven = Object.entries(status.eventsPerSocket).filter(([, { min, max }]) => min !== max);
  const evenness = uneven.length ? `UNEVEN across sockets: ${uneven.map(([event, { min, max }]) => `${event} ${min}–${max}`).join(", ")}` : "every socket got the same counts";
  // A socket that lost its connection misses what was pushed until it is back (Socket.IO keeps nothing for it; the app's client reloads its state).
  const disconnects = status.disconnects ? `; ${status.disconnects} disconnects (sockets that reconnected miss the pushes made meanwhile)` : "; no socket disconnected";
  return `  pushes per socket over the burst: ${events.join(", ")}; ${evenness}${disconnects}`;
}

const fleet = await startSocketFleet();
const quietFleet = await startSocketFleet({ processes: 1, priority: 0 });
console.log(`${SERVER_PLACEMENT}; sockets in ${fleet.placement}, the quiet business's in ${quietFleet.placement}; the driver in this process\n`);
try {
  for (const [name, processes] of [
    ["fleet", fleet],
    ["quiet business's", quietFleet],
  ] as const) {
    const clock = await processes.clockOffset();
    console.log(`epoch clocks of the ${name} processes vs the driver: within ${Math.abs(clock.offsetMs).toFixed(2)} ms (read in a ${clock.roundTripMs.toFixed(2)} ms round trip)`);
  }

  const product = await withBenchDatabase(async ({ databaseUrl, db, postgresPids }) => {
    const server = await startBenchServer(databaseUrl);
    // Connections enough for every request in flight: a request waiting for one would add the driver's queue to its latency.
    const busyClient = createChatClient(server.url, 1000);
    const quietClient = createChatClient(server.url, 10);
    try {
      const busy = await createBenchBusiness(db, SOCKETS);
      const quiet = await createBenchBusiness(db, 1, { slug: "quiet", name: "Quiet Co" });
      const opened = await fleet.open(WATCHERS, staffSocketSpecs(busy, SOCKETS, [server.url]), { ...workspaceSockets(busy), rules: CHAT_PUSH_RULES });
      await quietFleet.open(QUIET_WATCHER, staffSocketSpecs(quiet, 1, [server.url]), { ...workspaceSockets(quiet), rules: CHAT_PUSH_RULES });
      console.log(
        `${opened.joined} sockets connected and in the business room in ${opened.seconds.toFixed(1)} s${opened.failed ? `; ${opened.failed} FAILED: ${JSON.stringify(opened.failures)}` : ""}`,
      );

      const trickle = (phase: "alone" | "during-burst", durationS: number) =>
        runChatLoad({
          clients: [quietClient],
          businessSlug: quiet.slug,
          chatsPerSecond: FAIRNESS_CHATS_PER_SECOND,
          durationS,
          messagesPerChat: MESSAGES_PER_CHAT,
          watchers: 1,
          name: `quiet-${phase}`,
        });
      // Every hop of a request waits for a core: how long each process's main thread did, alone and during the burst.
      const startWindow = () =>
        startLoadWindow(
          [server.metrics],
          [...fleet.pids, ...quietFleet.pids],
          [
            { label: "server", pids: () => [server.pid] },
            { label: "PostgreSQL (all its processes)", pids: postgresPids },
            { label: "the quiet business's socket process", pids: () => quietFleet.pids },
            { label: "socket fleet", pids: () => fleet.pids },
          ],
        );
      console.log(`idle phase: ${IDLE_PHASE_S} s of the quiet business's trickle alone…`);
      const endIdleWindow = await startWindow();
      const idle = await trickle("alone", IDLE_PHASE_S);
      await awaitDeliveries(quietFleet, idle.pushes, DRAIN_TIMEOUT_MS);
      const idleLoad = await endIdleWindow();

      console.log(`burst: ${CHATS_PER_SECOND} chats/s for ${DURATION_S} s, the trickle going on…`);
      const endLoadWindow = await startWindow();
      const [burst, duringBurst] = await Promise.all([
        runChatLoad({ clients: [busyClient], businessSlug: busy.slug, chatsPerSecond: CHATS_PER_SECOND, durationS: DURATION_S, messagesPerChat: MESSAGES_PER_CHAT, watchers: SOCKETS, name: "busy" }),
        trickle("during-burst", DURATION_S),
      ]);
      await awaitDeliveries(fleet, burst.pushes, DRAIN_TIMEOUT_MS);
      await awaitDeliveries(quietFleet, duringBurst.pushes, DRAIN_TIMEOUT_MS);
      const load = await endLoadWindow();
      const profile = (await fleet.profile(WATCHERS)).filter(({ at }) => at >= burst.startedAt);
      const watcherStatus = await fleet.status(WATCHERS);
      await fleet.close(WATCHERS);
      await quietFleet.close(QUIET_WATCHER);
      return { burst, idle, duringBurst, load, idleLoad, profile, watcherStatus };
    } finally {
      busyClient.close();
      quietClient.close();
      await server.stop();
    }
  });

  const { burst, idle, duringBurst, profile } = product;
  const pushesPerSecond = deliveredRate(profile);
  console.log(`baseline: bare Socket.IO server, ${SOCKETS} sockets, replaying ${profile.length} pushes at ${pushesPerSecond.toFixed(1)}/s…`);
  const baseline = await runBareBaseline({ fleet, sockets: SOCKETS, profile, pushesPerSecond, drainTimeoutMs: DRAIN_TIMEOUT_MS });

  const productDeliveries = summarizeDeliveries(burst.pushes, fleet);
  const productP99 = p99Of(productDeliveries);
  const baselineP99 = p99Of(baseline.deliveries);
  const ratio = productP99 / baselineP99;
  console.log(
    `\nproduct: ${burst.chatsOpened} chats opened in ${burst.openingSeconds.toFixed(1)} s (${(burst.chatsOpened / burst.openingSeconds).toFixed(1)}/s), ${burst.messagesSent} messages; HTTP failures: ${describeFailures(burst.failures)}`,
  );
  console.log(`request sent → push at every socket (${SOCKETS} sockets):`);
  for (const line of describeDeliveries(productDeliveries)) console.log(line);
  console.log(`  ${((100 * productDeliveries.beforeResponse) / Math.max(1, productDeliveries.received)).toFixed(0)} % of receipts came before the HTTP response reached the driver`);
  console.log(describeTraffic(profile, product.watcherStatus));
  for (const line of product.load) console.log(`  ${line}`);

  console.log(
    `\nbare Socket.IO baseline: ${SOCKETS} sockets connected in ${baseline.connectSeconds.toFixed(1)} s, ${pushesPerSecond.toFixed(1)} pushes/s; HTTP failures: ${describeFailures(baseline.failures)}`,
  );
  console.log(`request sent → push at every socket:`);
  for (const line of describeDeliveries(baseline.deliveries)) console.log(line);
  for (const line of baseline.load) console.log(`  ${line}`);

  const quietIdle = summarizeDeliveries(idle.pushes, quietFleet);
  const quietDuringBurst = summarizeDeliveries(duringBurst.pushes, quietFleet);
  const fairnessRatio = p99Of(quietDuringBurst) / p99Of(quietIdle);
  console.log(`\ntenant fairness: the quiet business (1 socket, ${FAIRNESS_CHATS_PER_SECOND} chat/s + ${MESSAGES_PER_CHAT} message each), request sent → push:`);
  console.log(`  alone, ${IDLE_PHASE_S} s; HTTP failures: ${describeFailures(idle.failures)}`);
  for (const line of describeDeliveries(quietIdle, "    ")) console.log(line);
  for (const line of product.idleLoad) console.log(`    ${line}`);
  console.log(`  during the burst (the machine's load then: under "product" above); HTTP failures: ${describeFailures(duringBurst.failures)}`);
  for (const line of describeDeliveries(quietDuringBurst, "    ")) console.log(line);

  const failures = burst.failures.length + idle.failures.length + duringBurst.failures.length;
  const deliveryProblems = [productDeliveries, quietIdle, quietDuringBurst].reduce((sum, summary) => sum + summary.missing + summary.duplicates + summary.unexpected, 0);
  console.log(`\nproduct p99 ${productP99.toFixed(1)} ms / bare baseline p99 ${baselineP99.toFixed(1)} ms = ${ratio.toFixed(2)}× (target ≤ ${TARGET_RATIO}×)  ${passOrMiss(ratio <= TARGET_RATIO)}`);
  console.log(
    `quiet business p99 during the burst ${p99Of(quietDuringBurst).toFixed(1)} ms / alone ${p99Of(quietIdle).toFixed(1)} ms = ${fairnessRatio.toFixed(2)}× (target ≤ ${TARGET_RATIO}×)  ${passOrMiss(fairnessRatio <= TARGET_RATIO)}`,
  );
  console.log(`failed requests ${failures} (target 0)  ${passOrMiss(failures === 0)}; missing, doubled or misdirected pushes ${deliveryProblems} (target 0)  ${passOrMiss(deliveryProblems === 0)}`);
  console.log(`${loadAverage()} at the end`);
} finally {
  await fleet.stop();
  await quietFleet.stop();
}
