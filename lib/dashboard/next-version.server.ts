import { Prisma } from "../db/generated/client";
import { queryPrepared, type DbClient } from "../db/prisma-client.server";

/** A version for pushed dashboard data: from one Postgres sequence, so it only grows on every node. */
export async function nextDashboardVersion(db: DbClient): Promise<number> {
  // Prepared (a plain query inside a transaction): every workspace and dashboard load takes one.
  const [row] = await queryPrepared<{ version: number }>(db, "next-dashboard-version", Prisma.sql`SELECT nextval('dashboard_version_seq')::float8 AS version`);
  return row.version;
}
