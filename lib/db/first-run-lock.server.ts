import type { DbClient } from "./prisma-client.server";

/**
 * Serialises what an installation does once, on first use: the first owner's setup and the demo
 * seed. Held until the caller's transaction ends, so whoever comes second sees the first's rows.
 */
export async function takeFirstRunLock(tx: DbClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('switchboard:first-run'))`;
}
