import type { PrismaClient } from "../db/prisma-client.server";
import type { Logger } from "../observability/logger";
import { seedDemoDataIfEmpty } from "../seed/demo-data.server";
import { setupHeadless, type HeadlessSetup } from "./first-run.server";

export interface FirstBootOptions {
  /** The BOOTSTRAP_* owner and business, created when there is no user yet. */
  bootstrap: HeadlessSetup | null;
  /** SEED_DEMO_DATA: the demo businesses, when the database is empty. */
  seedDemoData: boolean;
}

/**
 * What a server does to a migrated database before serving: the configured first owner, then the
 * demo seed. Both take the first-run lock, so N servers booting at once on a new database do it once.
 */
export async function prepareInstallation(db: PrismaClient, options: FirstBootOptions, logger: Logger): Promise<void> {
  // Before the demo seed, which then sees a database in use and stays out.
  if (options.bootstrap && (await setupHeadless(db, options.bootstrap))) {
    logger.info("first owner and business created from BOOTSTRAP_* settings", { email: options.bootstrap.email });
  }
  if (!options.seedDemoData) return;
  const summary = await seedDemoDataIfEmpty(db);
  if (summary) logger.info("demo data seeded", { ...summary });
}
