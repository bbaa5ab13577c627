import type { DbClient } from "../db/prisma-client.server";

/** A version for pushed dashboard data: from one Postgres sequence, so it only grows on every node. */
export async function nextDashboardVersion(db: DbClient): Promise<number> {
  const [row] = await db.$queryRaw<{ version: number }[]>`SELECT nextval('dashboard_version_seq')::float8 AS version`;
  return row.version;
}
