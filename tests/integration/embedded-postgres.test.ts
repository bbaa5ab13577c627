import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import pg from "pg";
import { EmbeddedPostgres, EmbeddedPostgresError } from "../../lib/db/embedded-postgres.server";
import { freePort } from "../../lib/server/free-port";

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("embedded PostgreSQL", () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-embedded-test-"));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it("keeps its data across a stop and a restart", async () => {
    const port = await freePort();
    const first = new EmbeddedPostgres({ dataDir, port });
    await first.start();
    await query(first.connectionString, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
    await first.stop();
    assert.equal(existsSync(path.join(dataDir, "postgres", "postmaster.pid")), false, "a clean stop removes the pid file");

    const second = new EmbeddedPostgres({ dataDir, port });
    await second.start();
    assert.deepEqual(await query(second.connectionString, "SELECT v FROM kept"), [{ v: "still here" }]);
    await second.stop();
  });

  it("starts over a stale postmaster.pid whose process is gone", async () => {
    writeFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "999999\n/none\n");
    const db = new EmbeddedPostgres({ dataDir, port: await freePort() });
    await db.start();
    assert.deepEqual(await query(db.connectionString, "SELECT 1 AS ok"), [{ ok: 1 }]);
    await db.stop();
  });

  it("explains, instead of failing with `undefined`, when the cluster is already running", async () => {
    const running = new EmbeddedPostgres({ dataDir, port: await freePort() });
    await running.start();
    try {
      const second = new EmbeddedPostgres({ dataDir, port: await freePort() });
      await assert.rejects(second.start(), (error: unknown) => {
        assert.ok(error instanceof EmbeddedPostgresError);
        assert.match(error.message, /already running as process \d+/);
        assert.match(error.message, /kill -INT \d+/);
        return true;
      });
    } finally {
      await running.stop();
    }
  });
});
