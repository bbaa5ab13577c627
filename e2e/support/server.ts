import { spawn, type ChildProcess } from "node:child_process";
import { expect } from "@playwright/test";

export interface SpawnedServer {
  url: string;
  child: ChildProcess;
  exited: Promise<unknown>;
  stop(): Promise<void>;
}

/**
 * server.ts (production build) on its own port against `databaseUrl`, which outlives it, with
 * `env` over the defaults (e.g. SEED_DEMO_DATA=false for an installation without users).
 */
export async function startServer(port: number, databaseUrl: string, dataDir: string, env: Record<string, string> = {}): Promise<SpawnedServer> {
  const url = `http://localhost:${port}`;
  const child = spawn("node", ["--import", "tsx", "server.ts"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: databaseUrl, NEXTAUTH_URL: url, REDIS_URL: "", LOG_LEVEL: "warn", ...env },
    stdio: "ignore",
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  await expect.poll(async () => (await fetch(`${url}/health`).catch(() => null))?.status, { timeout: 60_000 }).toBe(200);
  return {
    url,
    child,
    exited,
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}
