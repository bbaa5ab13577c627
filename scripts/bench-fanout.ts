/**
 * npm run bench:fanout — 1,000 staff sockets on /dashboard watching one business while a driver
 * opens chats (POST /api/v1/chat/init) and posts a message in each (POST …/task) at a steady rate.
 * Latency is from the HTTP response reaching the driver to each socket's receipt of the matching
 * push: queue.updated (reason "created") for a new chat, session.updated carrying the message for
 * a message. The server pushes before it answers, so that figure is mostly 0; the verdict uses the
 * stricter request-sent → receipt (the whole request plus the fan-out). Sockets, driver and clock
 * share this process; the server runs in a child process.
 *
 * BENCH_SOCKETS (1000), BENCH_CHATS_PER_SECOND (20), BENCH_DURATION_S (25), BENCH_MESSAGES_PER_CHAT (1).
 */
import { setTimeout as sleep } from "node:timers/promises";
import { withBenchStack, SERVER_PLACEMENT } from "./lib/bench-stack";
import { createChatClient } from "./lib/chat-client";
import { startLoadWindow } from "./lib/load-window";
import { createBenchBusiness, openStaffSockets } from "./lib/staff";
import { formatLatencies, machineDescription, passOrMiss, percentile } from "./lib/stats";

const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 1000);
const CHATS_PER_SECOND = Number(process.env.BENCH_CHATS_PER_SECOND ?? 20);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 25);
const MESSAGES_PER_CHAT = Number(process.env.BENCH_MESSAGES_PER_CHAT ?? 1);
/** A customer's messages follow the chat's opening (and each other) this far apart. */
const MESSAGE_GAP_MS = 500;
/** After the last response, pushes still missing by then count as lost. */
const DRAIN_TIMEOUT_MS = 5_000;
const TARGET_P99_MS = 50;

type PushKey = `chat:${string}` | `message:${string}`;

console.log(
  `bench:fanout — ${SOCKETS} /dashboard sockets (websocket) watching one business; ${CHATS_PER_SECOND} new chats/s for ${DURATION_S} s, ` +
    `${MESSAGES_PER_CHAT} message(s) per chat ${MESSAGE_GAP_MS} ms apart`,
);
console.log(`machine: ${machineDescription()}`);
console.log(`${SERVER_PLACEMENT}; driver and sockets in this process\n`);

await withBenchStack(async ({ db, serverUrl, serverMetrics }) => {
  const business = await createBenchBusiness(db, SOCKETS);
  const connectStarted = performance.now();
  const sockets = await openStaffSockets(serverUrl, business);
  console.log(`${sockets.length} sockets connected and in the business room in ${((performance.now() - connectStarted) / 1000).toFixed(1)} s`);

  // performance.now() of each socket's receipt, per push; of the HTTP response, per push.
  const receipts = new Map<PushKey, number[]>();
  const responses = new Map<PushKey, { sentAt: number; receivedAt: number }>();
  const received = (key: PushKey) => {
    const at = performance.now();
    const times = receipts.get(key);
    if (times) times.push(at);
    else receipts.set(key, [at]);
  };
  for (const socket of sockets) {
    // A waiting chat's later messages move its queue entry too (reason "message"); only its opening counts here.
    socket.on("queue.updated", (update) => update.reason === "created" && received(`chat:${update.session_id}`));
    socket.on("session.updated", (update) => update.reason === "message" && update.message && received(`message:${update.message.id}`));
  }

  // Everything one socket gets (all get the same): what the server writes besides the measured pushes.
  const trafficPerSocket = new Map<string, { count: number; jsonBytes: number }>();
  sockets[0].onAny((event: string, payload: unknown) => {
    const traffic = trafficPerSocket.get(event) ?? { count: 0, jsonBytes: 0 };
    traffic.count += 1;
    traffic.jsonBytes += JSON.stringify(payload).length;
    trafficPerSocket.set(event, traffic);
  });

  const client = createChatClient(serverUrl, 100);
  const failures: string[] = [];
  let chatsOpened = 0;
  async function customer(index: number) {
    const chat = await client.startChat(business.slug, `Customer ${index}`);
    chatsOpened += 1;
    responses.set(`chat:${chat.body.session_id}`, chat);
    for (let n = 1; n <= MESSAGES_PER_CHAT; n++) {
      await sleep(MESSAGE_GAP_MS);
      const sent = await client.postMessage(chat.body, `Message ${n} from customer ${index}`, `bench-${index}-${n}`);
      responses.set(`message:${sent.body.message_id}`, sent);
    }
  }

  const endLoadWindow = await startLoadWindow(serverMetrics);
  const startedAt = performance.now();
  const chatsToOpen = Math.round(CHATS_PER_SECOND * DURATION_S);
  const customers: Promise<void>[] = [];
  for (let index = 0; index < chatsToOpen; index++) {
    // Paced against the start, so a late timer does not lower the rate.
    await sleep(Math.max(0, startedAt + (index * 1000) / CHATS_PER_SECOND - performance.now()));
    customers.push(customer(index).catch((error: unknown) => void failures.push(String(error))));
  }
  const openedIn = (performance.now() - startedAt) / 1000;
  await Promise.all(customers);
  const expected = () => responses.size * sockets.length;
  const counted = () => [...responses.keys()].reduce((sum, key) => sum + Math.min(sockets.length, receipts.get(key)?.length ?? 0), 0);
  const drainDeadline = performance.now() + DRAIN_TIMEOUT_MS;
  while (counted() < expected() && performance.now() < drainDeadline) await sleep(50);
  const windowSeconds = (performance.now() - startedAt) / 1000;
  const load = await endLoadWindow();

  const latencies = { chat: [] as number[], message: [] as number[] };
  const fromRequest: number[] = [];
  // First to last socket's receipt of one push: the fan-out's own cost, whatever the response's timing.
  const spreads: number[] = [];
  let beforeResponse = 0;
  let duplicates = 0;
  for (const [key, { sentAt, receivedAt }] of responses) {
    const times = receipts.get(key) ?? [];
    duplicates += Math.max(0, times.length - sockets.length);
    if (times.length) spreads.push(Math.max(...times) - Math.min(...times));
    for (const at of times) {
      if (at < receivedAt) beforeResponse += 1;
      latencies[key.startsWith("chat:") ? "chat" : "message"].push(Math.max(0, at - receivedAt));
      fromRequest.push(at - sentAt);
    }
  }
  const all = [...latencies.chat, ...latencies.message];
  const p99 = fromRequest.length ? percentile(Float64Array.from(fromRequest).sort(), 99) : Infinity;
  const missing = expected() - counted();

  console.log(
    `\nopened ${chatsOpened} chats in ${openedIn.toFixed(1)} s (${(chatsOpened / openedIn).toFixed(1)}/s), ${responses.size - chatsOpened} messages; HTTP failures: ${failures.length}${failures.length ? ` (first: ${failures[0]})` : ""}`,
  );
  console.log(
    `pushes expected ${expected()} (${responses.size} × ${sockets.length} sockets), received ${counted()}, missing ${missing}, duplicates ${duplicates}${missing ? "  ← BUG: every socket must get every push" : ""}`,
  );
  console.log(`received before the HTTP response reached the driver: ${beforeResponse} (counted as 0 ms)`);
  console.log(`HTTP response → socket receipt, all sockets × pushes:`);
  console.log(`  new chat → queue.updated      ${formatLatencies(latencies.chat, [50, 95, 99])}`);
  console.log(`  message  → session.updated    ${formatLatencies(latencies.message, [50, 95, 99])}`);
  console.log(`  all                           ${formatLatencies(all, [50, 95, 99])}`);
  console.log(`  spread, first → last socket   ${formatLatencies(spreads, [50, 95, 99])}  (per push)`);
  console.log(`HTTP request sent → socket receipt (stricter: the request itself plus the fan-out):`);
  console.log(`  all                           ${formatLatencies(fromRequest, [50, 95, 99])}`);
  console.log(`  target p99 < ${TARGET_P99_MS} ms at ${CHATS_PER_SECOND} new chats/s, on the stricter figure: p99 ${p99.toFixed(1)} ms  ${passOrMiss(p99 < TARGET_P99_MS)}`);
  const traffic = [...trafficPerSocket].map(([event, { count, jsonBytes }]) => `${event} ${count} (${(jsonBytes / 1e6).toFixed(1)} MB)`);
  const totalJsonBytes = [...trafficPerSocket.values()].reduce((sum, { jsonBytes }) => sum + jsonBytes, 0);
  console.log(`pushes per socket: ${traffic.join(", ")}; all sockets: ${((totalJsonBytes * sockets.length) / 1e6 / windowSeconds).toFixed(0)} MB/s of JSON`);
  for (const line of load) console.log(line);

  client.close();
  for (const socket of sockets) socket.close();
});
