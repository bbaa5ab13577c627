import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import pg from "pg";
import { applyMigrations, readMigrations } from "../../lib/db/migrate.server";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const run = promisify(execFile);

/** Tables, columns, enums, indexes and constraints of the public schema, as comparable text. */
async function catalogFingerprint(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const queries = [
      `SELECT 'col ' || table_name || '.' || column_name || ' ' || data_type || ' ' || udt_name || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS line
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
      `SELECT 'idx ' || indexdef AS line FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
      `SELECT 'con ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS line
         FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT LIKE '%_prisma_migrations%'`,
      `SELECT 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS line
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    ];
    const lines: string[] = [];
    for (const query of queries) lines.push(...(await client.query<{ line: string }>(query)).rows.map((r) => r.line));
    return lines.sort();
  } finally {
    await client.end();
  }
}

describe("migrations", () => {
  let migrated: TestDatabase;
  let fromSnapshot: TestDatabase;

  before(async () => {
    migrated = await createTestDatabase({ empty: true });
    fromSnapshot = await createTestDatabase({ empty: true });
  });
  after(async () => {
    await migrated.drop();
    await fromSnapshot.drop();
  });

  it("apply to an empty database, then are a no-op on the second run", async () => {
    const first = await applyMigrations(migrated.url);
    assert.deepEqual(
      first,
      readMigrations().map((m) => m.name),
    );
    assert.deepEqual(await applyMigrations(migrated.url), []);
    const rows = await migrated.db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`;
    assert.equal(Number(rows[0].n), first.length);
  });

  it("schema.prisma has no changes that lack a migration (npm run db:migration writes one)", async () => {
    // Exit code 2 = the datamodels differ: schema.prisma changed after the last migration.
    const result = await run("npx", ["prisma", "migrate", "diff", "--from-schema-datamodel", "prisma/schema.snapshot.prisma", "--to-schema-datamodel", "prisma/schema.prisma", "--exit-code"], {
      env: { ...process.env, DATABASE_URL: migrated.url },
    }).then(
      () => 0,
      (error: { code: number; stdout: string }) => {
        if (error.code === 2) assert.fail(`schema.prisma changed without a migration; run \`npm run db:migration -- <name>\`:\n${error.stdout}`);
        throw error;
      },
    );
    assert.equal(result, 0);
  });

  it("produce exactly the schema of the snapshot the next migration is diffed against", async () => {
    const { stdout } = await run("npx", ["prisma", "migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.snapshot.prisma", "--script"], {
      env: { ...process.env, DATABASE_URL: fromSnapshot.url },
    });
    const client = new pg.Client({ connectionString: fromSnapshot.url });
    await client.connect();
    await client.query(stdout);
    await client.end();
    const fromMigrations = await catalogFingerprint(migrated.url);
    const expected = await catalogFingerprint(fromSnapshot.url);
    assert.deepEqual({ missing: expected.filter((line) => !fromMigrations.includes(line)), unexpected: fromMigrations.filter((line) => !expected.includes(line)) }, { missing: [], unexpected: [] });
  });
});
