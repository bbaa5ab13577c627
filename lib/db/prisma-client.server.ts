import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "./generated/client";

export type { PrismaClient };
/** A PrismaClient or the client handed to `$transaction(async (tx) => ...)`. */
export type DbClient = Prisma.TransactionClient;

// The pg pool under each client, for the few statements that run as named prepared statements.
const pools = new WeakMap<object, pg.Pool>();

export function createPrismaClient(databaseUrl: string, poolSize = 10): PrismaClient {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  // $disconnect ends the pool.
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(client, pool);
  return client;
}

/**
 * Runs `sql` as the named prepared statement `name`: PostgreSQL plans it once per connection
 * instead of on every call (Prisma's raw queries are re-planned each time, which for a statement
 * with CTEs and joins costs more than running it). For hot paths only; the SQL must read its
 * timestamps as timestamptz (plain pg parses `timestamp` columns as local time). Inside a
 * transaction it runs as an ordinary raw query on the transaction's connection.
 */
export async function queryPrepared<T>(db: DbClient, name: string, sql: Prisma.Sql): Promise<T[]> {
  const pool = pools.get(db);
  if (!pool) return db.$queryRaw<T[]>(sql);
  const result = await pool.query<T & pg.QueryResultRow>({ name, text: sql.text, values: sql.values });
  return result.rows;
}

/** The pg pool under a client made by createPrismaClient (for libraries that take a pg pool, and for LISTEN connections). */
export function pgPoolOf(db: PrismaClient): pg.Pool | undefined {
  return pools.get(db);
}

// server.ts and the Next route bundles load this module separately; one client per process
// is shared through globalThis so both use the same pool.
const globalKey = Symbol.for("switchboard.prisma");
type GlobalWithPrisma = typeof globalThis & { [globalKey]?: PrismaClient };

export function getPrisma(): PrismaClient {
  const holder = globalThis as GlobalWithPrisma;
  if (!holder[globalKey]) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: the server sets it at boot before serving requests.");
    holder[globalKey] = createPrismaClient(url);
  }
  return holder[globalKey];
}

export function setPrisma(client: PrismaClient): void {
  (globalThis as GlobalWithPrisma)[globalKey] = client;
}
