import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { EmbeddedPostgres } from "../../lib/db/embedded-postgres.server";
import { freePort } from "../../lib/server/free-port";

/** A fresh embedded PostgreSQL in a temp dir on a free port, removed again when `run` settles. */
export async function withThrowawayPostgres<T>(run: (db: EmbeddedPostgres) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-db-"));
  const db = new EmbeddedPostgres({ dataDir, port: await freePort() });
  try {
    await db.start();
    return await run(db);
  } finally {
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
