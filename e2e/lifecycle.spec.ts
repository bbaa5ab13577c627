import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "../lib/server/free-port";

/** PIDs of postgres processes serving the cluster in `dataDir` (read from /proc). */
function postgresProcessesFor(dataDir: string): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
        return cmdline.includes("postgres") && cmdline.includes(dataDir);
      } catch {
        return false;
      }
    })
    .map(Number);
}

interface RunningServer {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** server.ts in a process group of its own (so a test can signal the whole group, as a terminal or a supervisor does). */
async function startServer(dataDir: string, port: number, pgPort: number, env: Record<string, string> = {}): Promise<RunningServer> {
  const child = spawn("node", ["--import", "tsx", "server.ts"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), DATABASE_URL: "", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  await expect.poll(async () => (await fetch(`http://localhost:${port}/health`).catch(() => null))?.status ?? output, { timeout: 60_000 }).toBe(200);
  return { child, output: () => output, exited };
}

test.describe("process lifecycle", () => {
  test.describe.configure({ timeout: 180_000 });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-lifecycle-"));
  test.afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test("Ctrl-C stops cleanly with no postgres left; the next start reuses the data; a killed run's orphan is recovered", async () => {
    const [port, pgPort] = [await freePort(), await freePort()];

    const first = await startServer(dataDir, port, pgPort);
    expect(first.output()).toContain("demo data seeded");
    expect(postgresProcessesFor(dataDir).length).toBeGreaterThan(0);
    first.child.kill("SIGINT");
    expect(await first.exited).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);

    const second = await startServer(dataDir, port, pgPort);
    expect(second.output()).not.toContain("demo data seeded");
    expect(second.output()).not.toContain("migrations applied");
    const health = await (await fetch(`http://localhost:${port}/health/detailed`)).json();
    expect(health.database).toMatchObject({ status: "ok", mode: "embedded" });

    // SIGKILL leaves postgres orphaned with its pid file; the next start must cope.
    second.child.kill("SIGKILL");
    await second.exited;
    expect(postgresProcessesFor(dataDir).length).toBeGreaterThan(0);

    const third = await startServer(dataDir, port, pgPort);
    expect(third.output()).toContain("orphaned embedded PostgreSQL");
    third.child.kill("SIGTERM");
    expect(await third.exited).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);
    expect(existsSync(path.join(dataDir, "postgres", "postmaster.pid"))).toBe(false);
  });

  test("SIGTERM to the whole process group in the middle of a burst of chats, and Ctrl-C to the group of an idle server, stop cleanly inside the deadline", async () => {
    const [port, pgPort] = [await freePort(), await freePort()];
    const burst = await startServer(dataDir, port, pgPort, { CHAT_RATE_LIMIT_STARTS_PER_IP: "100000", CHAT_RATE_LIMIT_REQUESTS_PER_IP: "100000" });
    // Chats keep starting on kept-alive connections while the signal arrives.
    let stopSending = false;
    let started = 0;
    const sender = async () => {
      while (!stopSending) {
        const response = await fetch(`http://localhost:${port}/api/v1/chat/init`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ business: "acme", message: "Hello from the burst" }),
        }).catch(() => null);
        if (response?.status === 201) started++;
      }
    };
    const senders = Array.from({ length: 20 }, sender);
    await expect.poll(() => started, { timeout: 30_000 }).toBeGreaterThan(50);
    process.kill(-burst.child.pid!, "SIGTERM");
    // Exit code 0: every step finished before the deadline (1 would mean it passed).
    expect(await burst.exited).toBe(0);
    stopSending = true;
    await Promise.all(senders);
    expect(postgresProcessesFor(dataDir)).toEqual([]);
    expect(existsSync(path.join(dataDir, "postgres", "postmaster.pid"))).toBe(false);
    expect(burst.output()).not.toContain("shutdown deadline passed");

    const idle = await startServer(dataDir, port, pgPort);
    expect(idle.output()).not.toContain("orphaned embedded PostgreSQL");
    process.kill(-idle.child.pid!, "SIGINT");
    expect(await idle.exited).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);
    expect(existsSync(path.join(dataDir, "postgres", "postmaster.pid"))).toBe(false);
  });
});
