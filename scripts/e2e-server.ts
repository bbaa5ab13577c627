/**
 * A throwaway production stack for Playwright: the real server.ts with its own embedded
 * PostgreSQL in a temp DATA_DIR on a free port (migrated and seeded at boot), removed on exit.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../lib/server/free-port";
import { runCommand } from "./lib/run-command";

const port = process.env.E2E_PORT ?? "3100";
const dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-e2e-"));
const exitCode = await runCommand(["node", "--import", "tsx", "server.ts"], {
  ...process.env,
  NODE_ENV: "production",
  PORT: port,
  DATA_DIR: dataDir,
  EMBEDDED_PG_PORT: String(await freePort()),
  NEXTAUTH_URL: `http://localhost:${port}`,
  DATABASE_URL: "",
  REDIS_URL: "",
  LOG_LEVEL: "warn",
  // The webhook spec's receiver listens on this machine's loopback address.
  WEBHOOK_ALLOW_PRIVATE_URLS: "true",
});
rmSync(dataDir, { recursive: true, force: true });
process.exit(exitCode);
