import path from "node:path";
import type { Logger } from "../observability/logger";
import { EmbeddedPostgres } from "./embedded-postgres.server";

export interface DatabaseHandle {
  url: string;
  mode: "embedded" | "external";
  /** Stops an embedded database within `timeoutMs` (escalating if it must); nothing for an external one. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * The database the server uses, for another process on the same machine (`npm run worker`):
 * DATABASE_URL, or the embedded PostgreSQL a running `npm start` serves from DATA_DIR.
 */
export function serverDatabaseUrl(options: { databaseUrl?: string; dataDir: string; embeddedPort: number }): string {
  return options.databaseUrl ?? new EmbeddedPostgres({ dataDir: path.resolve(options.dataDir), port: options.embeddedPort }).connectionString;
}

/** DATABASE_URL when given; otherwise the embedded PostgreSQL under DATA_DIR (kept across restarts). */
export async function startDatabase(options: { databaseUrl?: string; dataDir: string; embeddedPort: number }, logger: Logger): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    return { url: options.databaseUrl, mode: "external", stop: async () => undefined };
  }
  const embedded = new EmbeddedPostgres({
    dataDir: path.resolve(options.dataDir),
    port: options.embeddedPort,
    log: (line) => logger.debug("postgres", { line }),
    notice: (message) => logger.warn(message),
  });
  await embedded.start();
  logger.info("embedded PostgreSQL ready", { port: options.embeddedPort, dataDir: path.resolve(options.dataDir, "postgres") });
  return { url: embedded.connectionString, mode: "embedded", stop: (timeoutMs) => embedded.stop(timeoutMs) };
}
