import { randomBytes } from "node:crypto";
import pg from "pg";
import { createPrismaClient, type PrismaClient } from "../../lib/db/prisma-client.server";

function adminUrl(): string {
  const url = process.env.TEST_ADMIN_DATABASE_URL;
  if (!url) throw new Error("Integration tests run through `npm run test:integration`, which starts their database.");
  return url;
}

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  db: PrismaClient;
  drop(): Promise<void>;
}

/**
 * A private database for one test file: a copy of the migrated, demo-seeded template (or an
 * empty database with `empty: true`). Dropped again by `drop()`.
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const name = `test_${randomBytes(6).toString("hex")}`;
  const template = options.empty ? "template0" : process.env.TEST_TEMPLATE_DATABASE;
  await admin((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  const url = databaseUrl(name);
  const db = createPrismaClient(url, 5);
  return {
    name,
    url,
    db,
    async drop() {
      // Bounded: a write the test left in flight can hold one of the pool's connections in a
      // transaction Prisma never finishes once $disconnect has begun; the forced drop ends it.
      await Promise.race([db.$disconnect(), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
      await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
