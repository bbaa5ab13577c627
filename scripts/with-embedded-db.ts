/**
 * Runs a command against a throwaway embedded PostgreSQL with DATABASE_URL set:
 * `node --import tsx scripts/with-embedded-db.ts -- <command...>`
 */
import { runCommand } from "./lib/run-command";
import { withThrowawayPostgres } from "./lib/throwaway-postgres";

const separator = process.argv.indexOf("--");
const command = separator >= 0 ? process.argv.slice(separator + 1) : [];
if (command.length === 0) {
  console.error("usage: node --import tsx scripts/with-embedded-db.ts -- <command...>");
  process.exit(2);
}

const exitCode = await withThrowawayPostgres((db) => runCommand(command, { ...process.env, DATABASE_URL: db.connectionString }));
process.exit(exitCode);
