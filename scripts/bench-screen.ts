/**
 * npm run bench:screen — how soon a new waiting chat shows on the staff screens. A throwaway
 * production server with fresh demo data (scripts/e2e-server.ts) and Debian's headless Chromium:
 * the owner of Acme on /dashboard, an agent of Acme on /agent. Acme's assistant is switched off
 * first, so a chat opened through POST /api/v1/chat/init waits in the queue at once. This process
 * opens the chats and times each request; a probe in each page (scripts/lib/screen-probe.ts) times
 * the push frames that name the chat's customer and the insertion of its row into the dashboard's
 * Waiting queue panel and the workspace's queue. Both clocks are this machine's.
 *
 * Phases: a few warm-up chats, then BENCH_SINGLE_CHATS (40) BENCH_SINGLE_GAP_MS (500) apart, then
 * BENCH_BURSTS (3) bursts of BENCH_BURST_CHATS (25) BENCH_BURST_GAP_MS (60) apart; every phase's
 * chats are abandoned again before the next, so each starts from the demo's queue. Writes the
 * figures into docs/benchmarks.md (BENCH_WRITE_DOCS=false: print only). BENCH_CPU_PROFILE_DIR=dir
 * also writes a CPU profile of each page over the single chats.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { chromium, type Browser, type Page } from "@playwright/test";
import type { ChatInitResponse } from "../lib/contract/customer-chat";
import { freePort } from "../lib/server/free-port";
import { createChatClient } from "./lib/chat-client";
import { epochNow } from "./lib/epoch-clock";
import { screenProbeScript, type ScreenProbe, type ScreenProbeConfig } from "./lib/screen-probe";
import { machineDescription, passOrMiss, percentile } from "./lib/stats";
import { writeResultsToDocs } from "./lib/docs-results";

const SINGLE_CHATS = Number(process.env.BENCH_SINGLE_CHATS ?? 40);
const SINGLE_GAP_MS = Number(process.env.BENCH_SINGLE_GAP_MS ?? 500);
const BURSTS = Number(process.env.BENCH_BURSTS ?? 3);
const BURST_CHATS = Number(process.env.BENCH_BURST_CHATS ?? 25);
const BURST_GAP_MS = Number(process.env.BENCH_BURST_GAP_MS ?? 60);
const WARM_UP_CHATS = 5;
const WRITE_DOCS = process.env.BENCH_WRITE_DOCS !== "false";
const CPU_PROFILE_DIR = process.env.BENCH_CPU_PROFILE_DIR;
/** A row not shown this long after the phase's last response counts as missing. */
const SETTLE_TIMEOUT_MS = 10_000;
/** Quiet time before and after abandoning a phase's chats, so their pushes overlap neither phase. */
const QUIET_MS = 2_000;
const TARGET_SINGLE_P95_MS = 100;
const TARGET_BURST_P95_MS = 300;

const PASSWORD = "switchboard-demo";
const BUSINESS = "acme";
const DOCS_HEADING = "## `npm run bench:screen` — a new waiting chat on the staff screens";

const runId = Math.random().toString(36).slice(2, 6);
/** "Bench k3x9 s12z": the closing letter keeps "s1" from matching the start of "s12" or of "s1" and a timer's "0:05". */
const NAME_PATTERN = `Bench ${runId} [a-z]+\\d+z`;

interface TimedChat {
  name: string;
  chat: ChatInitResponse;
  sentAt: number;
  respondedAt: number;
  /** When the bench started abandoning it again: later frames are about that, not about the new chat. */
  abandonedAt?: number;
}

interface Screen {
  label: string;
  page: Page;
}

// ---------------------------------------------------------------------------------------------
// Server and pages

async function startServer(port: number): Promise<ChildProcess> {
  const server = spawn("node", ["--import", "tsx", "scripts/e2e-server.ts"], {
    env: {
      ...process.env,
      E2E_PORT: String(port),
      // Every chat comes from 127.0.0.1; the production limits would refuse the bench's chat starts.
      CHAT_RATE_LIMIT_STARTS_PER_IP: "100000",
      CHAT_RATE_LIMIT_REQUESTS_PER_IP: "100000",
      // The bench's customers have no chat page open: keep them from being abandoned mid-run.
      CUSTOMER_ABANDON_MS: "3600000",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // The server's own lines, told apart from the bench's.
  for (const stream of [server.stdout!, server.stderr!]) createInterface({ input: stream }).on("line", (line) => console.error(`[server] ${line}`));
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    if ((await fetch(`${url}/health`).catch(() => null))?.ok) return server;
    await sleep(500);
  }
  throw new Error(`the server at ${url} did not come up`);
}

async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await Promise.race([exited, sleep(30_000).then(() => server.kill("SIGKILL"))]);
}

async function openScreen(browser: Browser, baseURL: string, email: string, probe: ScreenProbeConfig, pathname: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
  await context.addInitScript({ content: screenProbeScript(probe) });
  const page = await context.newPage();
  page.on("pageerror", (error) => console.error(`[${pathname}] page error: ${error.message}`));
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/dashboard$/);
  if (pathname !== "/dashboard") await page.goto(pathname);
  await page.getByRole("status").filter({ hasText: "Live" }).waitFor();
  return page;
}

/** The owner switches Acme's assistant off (from the page, as its settings would), so the bench's chats queue at once. */
async function switchAssistantOff(page: Page) {
  const answer = await page.evaluate(async () => {
    const response = await fetch("/api/v1/admin/assistant-settings", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ enabled: false }) });
    return { ok: response.ok, status: response.status, text: await response.text() };
  });
  if (!answer.ok) throw new Error(`switching the assistant off answered ${answer.status}: ${answer.text}`);
}

const readProbe = (page: Page) => page.evaluate(() => window.__screenProbe);
const resetRenderCounts = (page: Page) =>
  page.evaluate(() => {
    const probe = window.__screenProbe;
    probe.commits = 0;
    probe.renders = {};
    probe.longTasks = [];
  });

/** The page's clock against this process's: the page's reading should fall between the two of ours. */
async function clockCheck(page: Page): Promise<string> {
  const before = epochNow();
  const pageNow = await page.evaluate(() => window.__screenProbeNow());
  const after = epochNow();
  const offset = pageNow - (before + after) / 2;
  return `${offset >= 0 ? "+" : ""}${offset.toFixed(1)} ms ± ${((after - before) / 2).toFixed(1)} ms`;
}

// ---------------------------------------------------------------------------------------------
// Phases

const client = { current: null as ReturnType<typeof createChatClient> | null };

/** Opens `count` chats `gapMs` apart (paced against the start, not awaiting answers) and times each. */
async function openChats(label: string, count: number, gapMs: number): Promise<TimedChat[]> {
  const chatClient = client.current!;
  const startedAt = performance.now();
  const chats: Promise<TimedChat>[] = [];
  for (let index = 0; index < count; index++) {
    await sleep(Math.max(0, startedAt + index * gapMs - performance.now()));
    const name = `Bench ${runId} ${label}${index}z`;
    const chat = chatClient.startChat(BUSINESS, name).then(({ body, sentAt, receivedAt }) => {
      if (body.status !== "WAITING") throw new Error(`a new chat started as ${body.status}, not WAITING: is the assistant still on?`);
      return { name, chat: body, sentAt, respondedAt: receivedAt };
    });
    // Handled by the Promise.all below; until then a failure must not count as unhandled (that would skip the cleanup).
    chat.catch(() => undefined);
    chats.push(chat);
  }
  return Promise.all(chats);
}

/** Waits until every chat's row is in both lists (or the timeout). */
async function settle(screens: Screen[], chats: TimedChat[]) {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  const names = chats.map((c) => c.name);
  for (const { page } of screens) {
    while (Date.now() < deadline) {
      const seen = await page.evaluate((wanted) => wanted.filter((name) => window.__screenProbe.seen[name] !== undefined).length, names);
      if (seen === names.length) break;
      await sleep(100);
    }
  }
}

async function abandon(chats: TimedChat[]) {
  // First the widget recompute's push for the last chats (coalesced, so later than their rows).
  await sleep(QUIET_MS);
  const abandonedAt = epochNow();
  for (const chat of chats) chat.abandonedAt = abandonedAt;
  await Promise.all(chats.map(({ chat }) => client.current!.endChat(chat)));
  await sleep(QUIET_MS);
}

// ---------------------------------------------------------------------------------------------
// Figures

interface Figures {
  fromRequest: number[];
  fromResponse: number[];
  /** Response → the first frame naming the chat, per event (e.g. queue.updated, dashboard.data_updated:waiting_queue). */
  frames: Record<string, number[]>;
  /** First frame naming the chat → its row: the page's own time. */
  frameToRow: number[];
  /** Row inserted → the next animation frame. */
  rowToFrame: number[];
  beforeResponse: number;
  missing: number;
}

function figuresOf(chats: TimedChat[], probe: ScreenProbe): Figures {
  const figures: Figures = { fromRequest: [], fromResponse: [], frames: {}, frameToRow: [], rowToFrame: [], beforeResponse: 0, missing: 0 };
  for (const { name, sentAt, respondedAt, abandonedAt = Infinity } of chats) {
    const frames = Object.fromEntries(Object.entries(probe.frames[name] ?? {}).filter(([, at]) => at < abandonedAt));
    for (const [event, at] of Object.entries(frames)) (figures.frames[event] ??= []).push(Math.max(0, at - respondedAt));
    const seen = probe.seen[name];
    if (seen === undefined) {
      figures.missing += 1;
      continue;
    }
    figures.fromRequest.push(seen - sentAt);
    if (seen < respondedAt) figures.beforeResponse += 1;
    figures.fromResponse.push(Math.max(0, seen - respondedAt));
    const firstFrame = Math.min(...Object.values(frames));
    if (Number.isFinite(firstFrame)) figures.frameToRow.push(seen - firstFrame);
    if (probe.painted[name] !== undefined) figures.rowToFrame.push(probe.painted[name] - seen);
  }
  return figures;
}

const PERCENTILES = [50, 95, 99] as const;
function summary(values: number[]): { p50: number; p95: number; p99: number; max: number } | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] };
}
const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
function cells(values: number[]): string[] {
  const s = summary(values);
  return s ? [...PERCENTILES.map((p) => ms(s[`p${p}`])), ms(s.max)] : ["–", "–", "–", "–"];
}

interface Row {
  label: string;
  values: number[];
  bold?: boolean;
}

function rowsOf(screen: string, figures: Figures): Row[] {
  const rows: Row[] = [
    { label: `${screen}: API response → row`, values: figures.fromResponse, bold: true },
    { label: `${screen}: request sent → row`, values: figures.fromRequest },
  ];
  for (const [event, values] of Object.entries(figures.frames).sort()) rows.push({ label: `${screen}: API response → push \`${event.replace("dashboard.data_updated:", "data_updated ")}\``, values });
  rows.push({ label: `${screen}: first push → row (the page's own time)`, values: figures.frameToRow });
  return rows;
}

function printTable(title: string, rows: Row[]) {
  console.log(`\n${title}`);
  const width = Math.max(...rows.map((r) => r.label.length));
  console.log(`${"".padEnd(width)}  ${["p50", "p95", "p99", "max"].map((h) => h.padStart(9)).join("")}   n`);
  for (const row of rows)
    console.log(
      `${row.label.padEnd(width)}  ${cells(row.values)
        .map((c) => c.padStart(9))
        .join("")}   ${row.values.length}`,
    );
}

function markdownTable(title: string, rows: Row[]): string {
  const lines = [`| ${title} | p50 | p95 | p99 | max | n |`, "| --- | --- | --- | --- | --- | --- |"];
  for (const row of rows) {
    const values = cells(row.values).map((c, i) => (row.bold && i === 1 ? `**${c}**` : c));
    lines.push(`| ${row.label} | ${values.join(" | ")} | ${row.values.length} |`);
  }
  return lines.join("\n");
}

/** Renders per new chat on the dashboard over the single chats, per panel. */
function renderLines(probe: ScreenProbe, chats: number): string[] {
  const per = (n: number) => (n / chats).toFixed(1);
  const entries = Object.entries(probe.renders).sort(([a], [b]) => a.localeCompare(b));
  return [
    `React commits ${per(probe.commits)} per chat; component renders per chat: ${entries.map(([owner, r]) => `${owner} ${per(r.components)}${owner === "page" ? "" : ` (panel frame ${per(r.panel)})`}`).join(", ")}`,
    `long tasks (≥ 50 ms): ${probe.longTasks.length}, ${probe.longTasks.reduce((sum, [, d]) => sum + d, 0).toFixed(0)} ms in all`,
  ];
}

// ---------------------------------------------------------------------------------------------
// The run

async function profiled<T>(pages: Screen[], run: () => Promise<T>): Promise<T> {
  if (!CPU_PROFILE_DIR) return run();
  mkdirSync(CPU_PROFILE_DIR, { recursive: true });
  const sessions = await Promise.all(pages.map(({ page }) => page.context().newCDPSession(page)));
  for (const session of sessions) {
    await session.send("Profiler.enable");
    await session.send("Profiler.setSamplingInterval", { interval: 200 });
    await session.send("Profiler.start");
  }
  const result = await run();
  for (const [i, session] of sessions.entries()) {
    const { profile } = await session.send("Profiler.stop");
    const file = path.join(CPU_PROFILE_DIR, `${pages[i].label}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.log(`CPU profile: ${file}`);
  }
  return result;
}

const port = await freePort();
const baseURL = `http://localhost:${port}`;
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

console.log(
  `bench:screen — new waiting chats on /dashboard (owner) and /agent (agent) of ${BUSINESS}: ${SINGLE_CHATS} chats ${SINGLE_GAP_MS} ms apart, ` +
    `${BURSTS} × ${BURST_CHATS} chats ${BURST_GAP_MS} ms apart`,
);
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ");
// The box may be shared: its load before and after the run says how far to trust the figures.
const loadBefore = loadAverage();
console.log(`machine: ${machineDescription()}; load average (1 / 5 / 15 min) ${loadBefore}`);

const server = await startServer(port);
const browser = await chromium.launch({
  executablePath: executablePath || undefined,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const browserVersion = `Chromium ${browser.version()} (headless${executablePath ? `, ${executablePath}` : ""})`;
  console.log(`browser: ${browserVersion}; server: scripts/e2e-server.ts on ${baseURL} (production build, demo data)`);

  const dashboard = await openScreen(browser, baseURL, "owner@acme.test", { namePattern: NAME_PATTERN, list: "dashboard-waiting-queue" }, "/dashboard");
  const strip = dashboard.getByRole("list", { name: "Dashboard loading progress" });
  for (const phase of ["company", "data", "llm"]) await strip.locator(`[data-phase="${phase}"][data-status="done"]`).waitFor();
  await switchAssistantOff(dashboard);
  const workspace = await openScreen(browser, baseURL, "agent@acme.test", { namePattern: NAME_PATTERN, list: "workspace-queue" }, "/agent");
  await workspace.getByRole("region", { name: /Queue/ }).waitFor();
  const screens: Screen[] = [
    { label: "dashboard", page: dashboard },
    { label: "workspace", page: workspace },
  ];
  for (const { label, page } of screens) console.log(`clock check, ${label} page − this process: ${await clockCheck(page)}`);

  // A connection per request, as each customer has their own: pauses between phases leave no kept-alive
  // socket for the server to close (after 5 s idle) just as the bench reuses it.
  client.current = createChatClient(baseURL, 50, { keepAlive: false });
  console.log(`warm-up: ${WARM_UP_CHATS} chats`);
  const warmUp = await openChats("w", WARM_UP_CHATS, SINGLE_GAP_MS);
  await settle(screens, warmUp);
  await abandon(warmUp);

  for (const { page } of screens) await resetRenderCounts(page);
  console.log(`single chats: ${SINGLE_CHATS}`);
  const singles = await profiled(screens, async () => {
    const chats = await openChats("s", SINGLE_CHATS, SINGLE_GAP_MS);
    await settle(screens, chats);
    return chats;
  });
  const singleProbes = await Promise.all(screens.map(({ page }) => readProbe(page)));
  await abandon(singles);

  const bursts: TimedChat[] = [];
  for (let burst = 0; burst < BURSTS; burst++) {
    console.log(`burst ${burst + 1} of ${BURSTS}`);
    const chats = await openChats(`b${String.fromCharCode(97 + burst)}`, BURST_CHATS, BURST_GAP_MS);
    await settle(screens, chats);
    bursts.push(...chats);
    await abandon(chats);
  }
  const burstProbes = await Promise.all(screens.map(({ page }) => readProbe(page)));

  const single = screens.map(({ label }, i) => ({ label, figures: figuresOf(singles, singleProbes[i]) }));
  const burst = screens.map(({ label }, i) => ({ label, figures: figuresOf(bursts, burstProbes[i]) }));
  const singleRows = single.flatMap(({ label, figures }) => rowsOf(label, figures));
  const burstRows = burst.flatMap(({ label, figures }) => rowsOf(label, figures));
  printTable(`${SINGLE_CHATS} single chats, ${SINGLE_GAP_MS} ms apart:`, singleRows);
  printTable(`${BURSTS} bursts of ${BURST_CHATS} chats, ${BURST_GAP_MS} ms apart:`, burstRows);

  const notes: string[] = [];
  for (const [phase, results] of [
    ["single", single],
    ["burst", burst],
  ] as const) {
    for (const { label, figures } of results) {
      if (figures.missing) notes.push(`${phase}, ${label}: ${figures.missing} rows never shown  ← BUG`);
      if (figures.beforeResponse) notes.push(`${phase}, ${label}: ${figures.beforeResponse} rows shown before the API response arrived (counted as 0 ms)`);
      const paint = summary(figures.rowToFrame);
      if (paint) notes.push(`${phase}, ${label}: row inserted → next animation frame p50 ${ms(paint.p50)}, p95 ${ms(paint.p95)}`);
    }
  }
  const renders = screens.flatMap(({ label }, i) => renderLines(singleProbes[i], SINGLE_CHATS).map((line) => `${label} over the single chats: ${line}`));
  const verdicts = [
    ...single.map(({ label, figures }) => {
      const p95 = summary(figures.fromResponse)?.p95 ?? Infinity;
      return `single, ${label}: response → row p95 ${ms(p95)} (target < ${TARGET_SINGLE_P95_MS} ms) ${passOrMiss(p95 < TARGET_SINGLE_P95_MS)}`;
    }),
    ...burst.map(({ label, figures }) => {
      const p95 = summary(figures.fromResponse)?.p95 ?? Infinity;
      return `burst, ${label}: response → row p95 ${ms(p95)} (target < ${TARGET_BURST_P95_MS} ms) ${passOrMiss(p95 < TARGET_BURST_P95_MS)}`;
    }),
  ];
  console.log();
  for (const line of [...notes, ...renders, ...verdicts]) console.log(line);

  if (WRITE_DOCS) {
    const date = new Date().toISOString().slice(0, 10);
    writeResultsToDocs(
      "bench:screen",
      DOCS_HEADING,
      [
        `Latest run (${date}): ${machineDescription()}; ${browserVersion}; server and browser on the same machine; ` +
          `load average (1 / 5 / 15 min) ${loadBefore} before the run, ${loadAverage()} after.`,
        "",
        markdownTable(`${SINGLE_CHATS} single chats, ${SINGLE_GAP_MS} ms apart`, singleRows),
        "",
        markdownTable(`${BURSTS} bursts of ${BURST_CHATS} chats, ${BURST_GAP_MS} ms apart`, burstRows),
        "",
        ...[...notes, ...renders, ...verdicts].map((line) => `- ${line}`),
      ].join("\n"),
    );
  }
  client.current.close();
} finally {
  await browser.close();
  await stopServer(server);
}
