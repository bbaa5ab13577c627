/**
 * Integration tier: starts its own embedded PostgreSQL, migrates and seeds a template database
 * once, then runs tests/integration/*.test.ts; each test file clones the template (fast) so
 * files run in parallel without sharing state.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { applyMigrations } from "../lib/db/migrate.server";
import { createPrismaClient } from "../lib/db/prisma-client.server";
import { seedDemoData } from "../lib/seed/demo-data.server";
import { runCommand } from "./lib/run-command";
import { withThrowawayPostgres } from "./lib/throwaway-postgres";

const dir = path.resolve("tests", "integration");
const only = process.argv.slice(2);
const files = (
  only.length
    ? only
    : readdirSync(dir)
        .filter((f) => f.endsWith(".test.ts"))
        .map((f) => path.join(dir, f))
).sort();

const exitCode = await withThrowawayPostgres(async (pg) => {
  const templateUrl = pg.urlFor("switchboard");
  await applyMigrations(templateUrl);
  const db = createPrismaClient(templateUrl, 2);
  await seedDemoData(db);
  await db.$disconnect();
  return runCommand(["node", "--import", "tsx", "--test", "--test-reporter=spec", "--test-concurrency=2", ...files], {
    ...process.env,
    NODE_ENV: "test",
    TEST_TEMPLATE_DATABASE: "switchboard",
    TEST_ADMIN_DATABASE_URL: pg.urlFor("postgres"),
  });
});
process.exit(exitCode);
