import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { Prisma, PrismaClient } from "./generated/client";

export type { PrismaClient };
/** A PrismaClient or the client handed to `$transaction(async (tx) => ...)`. */
export type DbClient = Prisma.TransactionClient;

/** Told of every connection checkout of a client's pool: how long it waited, and whether it got one. */
type CheckoutListener = (waitSeconds: number, failed: boolean) => void;

/**
 * How long a request waits for a free connection before it fails (and so does its request). Long
 * enough to ride out a burst, short enough that a stuck pool shows as errors, not hung requests.
 */
const CHECKOUT_TIMEOUT_MS = 10_000;

type ConnectCallback = (error: Error | undefined, client: pg.PoolClient | undefined, release: (release?: unknown) => void) => void;

/** A pg pool that reports each checkout's wait (pool.query checks out through connect() too). */
class WatchedPool extends pg.Pool {
  readonly checkoutListeners = new Set<CheckoutListener>();

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    const started = performance.now();
    const report = (error?: unknown) => {
      const waited = (performance.now() - started) / 1000;
      for (const listener of this.checkoutListeners) listener(waited, Boolean(error));
    };
    if (callback) {
      return super.connect((error, client, release) => {
        report(error);
        callback(error, client, release);
      });
    }
    return super.connect().then(
      (client) => {
        report();
        return client;
      },
      (error: unknown) => {
        report(error);
        throw error;
      },
    );
  }
}

// The pg pool under each client, for the few statements that run as named prepared statements.
const pools = new WeakMap<object, WatchedPool>();

export function createPrismaClient(databaseUrl: string, poolSize = 10): PrismaClient {
  const pool = new WatchedPool({ connectionString: databaseUrl, max: poolSize, connectionTimeoutMillis: CHECKOUT_TIMEOUT_MS });
  const client = new PrismaClient({
    // $disconnect ends the pool.
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    // A transaction waits for a connection as long as any query does (Prisma's default gives up
    // after 2 s, which under a burst failed requests that the pool would have served moments later);
    // a little longer, so the pool's own timeout fires first and is counted in the metrics.
    transactionOptions: { maxWait: CHECKOUT_TIMEOUT_MS + 1_000, timeout: CHECKOUT_TIMEOUT_MS + 5_000 },
  });
  pools.set(client, pool);
  return client;
}

/**
 * `db`'s pool for the metrics (lib/observability's ConnectionPoolProbe): each checkout's wait as
 * it happens, and its connections now (open, idle, requests waiting for one, its size).
 */
export function poolProbe(db: PrismaClient) {
  const pool = pools.get(db);
  if (!pool) throw new Error("poolProbe: this client was not made by createPrismaClient.");
  return {
    onCheckout: (listener: CheckoutListener) => void pool.checkoutListeners.add(listener),
    state: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max }),
  };
}

/** A `timestamp` column read as the UTC instant it holds (timestamptz), as queryPrepared's SQL must read timestamps. */
export const utcInstant = (column: string) => Prisma.raw(`(${column} AT TIME ZONE 'UTC')`);

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
