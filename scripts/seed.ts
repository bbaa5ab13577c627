/**
 * `npm run db:seed`: loads the demo data into an empty, migrated database at DATABASE_URL.
 * A database that already has businesses is left alone.
 */
import { createPrismaClient } from "../lib/db/prisma-client.server";
import { DEMO_PASSWORD, demoAccounts, seedDemoDataIfEmpty } from "../lib/seed/demo-data.server";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("DATABASE_URL is not set. Point it at a migrated PostgreSQL database, e.g.\n" + "  DATABASE_URL=postgresql://user:password@localhost:5432/switchboard npm run db:seed");
  process.exit(1);
}

const db = createPrismaClient(databaseUrl, 2);
try {
  const summary = await seedDemoDataIfEmpty(db);
  if (!summary) {
    console.log("The database already has data; skipping the demo seed.");
  } else {
    console.log(
      `Seeded demo data in ${(summary.durationMs / 1000).toFixed(1)} s: ${summary.businesses} businesses, ${summary.users} users, ` +
        `${summary.sessions} sessions, ${summary.messages} messages, ${summary.ratings} ratings.`,
    );
    console.log(`\nDemo accounts (password "${DEMO_PASSWORD}"):`);
    const width = Math.max(...demoAccounts.map((account) => account.email.length));
    for (const account of demoAccounts) console.log(`  ${account.email.padEnd(width)}  ${account.name} (${account.description})`);
  }
} catch (error) {
  console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
