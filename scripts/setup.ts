/**
 * `npm run setup -- --email owner@example.com --business "Acme Support" [--name "Ada"] [--slug acme]
 * [--timezone Europe/Berlin] [--currency EUR]`: the first owner and business without a browser.
 * The password comes from SWITCHBOARD_SETUP_PASSWORD or a hidden prompt, never from a flag (flags
 * end up in shell history and process lists). Uses DATABASE_URL, else the embedded database under
 * DATA_DIR (the running server's, or started here for the duration).
 */
import { parseArgs } from "node:util";
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { loadEnv } from "../lib/config/env.server";
import { applyMigrations } from "../lib/db/migrate.server";
import { createPrismaClient } from "../lib/db/prisma-client.server";
import { serverDatabaseUrl, startDatabase, type DatabaseHandle } from "../lib/db/start-database.server";
import { AppError } from "../lib/errors/app-error";
import { createLogger } from "../lib/observability/logger";
import { setupHeadless } from "../lib/setup/first-run.server";
import pg from "pg";

const usage = 'usage: npm run setup -- --email <email> --business "<name>" [--name "<your name>"] [--slug <slug>] [--timezone <IANA zone>] [--currency <ISO code>]';

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    business: { type: "string" },
    name: { type: "string" },
    slug: { type: "string" },
    timezone: { type: "string" },
    currency: { type: "string" },
    password: { type: "string" },
  },
  strict: true,
});
if (values.password !== undefined) fail("Pass the password in SWITCHBOARD_SETUP_PASSWORD or type it at the prompt: never as a flag.");
if (!values.email || !values.business) fail(usage);

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/** Reads a line without echoing it (the terminal shows nothing while the password is typed). */
async function promptHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) fail("No terminal to ask for the password: set SWITCHBOARD_SETUP_PASSWORD.");
  process.stdout.write(question);
  // Readline echoes what is typed to its output: give it one that discards everything.
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: silent, terminal: true });
  const answer = await new Promise<string>((resolve) => rl.question("", resolve));
  rl.close();
  process.stdout.write("\n");
  return answer;
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const env = loadEnv();
const password = process.env.SWITCHBOARD_SETUP_PASSWORD ?? (await promptHidden("Password for the owner: "));
const logger = createLogger("warn");
const location = { databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, embeddedPort: env.EMBEDDED_PG_PORT };
// The running server's database when there is one; otherwise start the embedded one for this run.
let started: DatabaseHandle | undefined;
let url = serverDatabaseUrl(location);
if (!env.DATABASE_URL && !(await reachable(url))) {
  started = await startDatabase(location, logger);
  url = started.url;
}
await applyMigrations(url);
const db = createPrismaClient(url, 2);
try {
  const created = await setupHeadless(db, {
    email: values.email.toLowerCase(),
    password,
    name: values.name ?? "Owner",
    businessName: values.business,
    slug: values.slug,
    timezone: values.timezone,
    currency: values.currency,
  });
  console.log(created ? `Created the owner ${values.email} and the business “${values.business}”. Sign in at /login.` : "Setup was already done (the installation has users): nothing changed.");
} catch (error) {
  if (error instanceof AppError) {
    console.error(`Setup failed: ${error.message}`);
    for (const [field, problems] of Object.entries(error.details.fields ?? {})) console.error(`  ${field}: ${problems.join("; ")}`);
  } else {
    console.error(`Setup failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exitCode = 1;
} finally {
  await db.$disconnect();
  await started?.stop();
}
