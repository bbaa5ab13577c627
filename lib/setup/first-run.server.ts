/**
 * First run: an installation without users gets its first owner and business here (the /setup
 * page, `npm run setup`, or BOOTSTRAP_* env at boot). Exactly one setup ever succeeds: it runs
 * under a transaction-wide advisory lock and re-checks that no user exists.
 */
import { takeFirstRunLock } from "../db/first-run-lock.server";
import type { PrismaClient } from "../db/prisma-client.server";
import { AppError } from "../errors/app-error";
import { hashPassword } from "../auth/password.server";
import { passwordProblem } from "../contract/passwords";
import { setupBody, type SetupInput } from "../contract/businesses";
import { parseInput } from "../errors/parse-input";
import { createOwnedBusiness } from "../tenancy/businesses.server";

/** Whether the installation still needs its first owner (no user exists). */
export async function isSetupPending(db: PrismaClient): Promise<boolean> {
  const [row] = await db.$queryRaw<{ pending: boolean }[]>`SELECT NOT EXISTS (SELECT 1 FROM "User") AS pending`;
  return row.pending;
}

/** Setup already happened: the page and the endpoint are gone, as if they never existed. */
const setupDone = () => new AppError("not_found", "Setup is already complete. Sign in instead.");

export interface SetupResult {
  userId: string;
  businessId: string;
}

/** Creates the first owner and business, or throws not_found when any user exists (also when another setup won a race). */
export async function completeSetup(db: PrismaClient, input: SetupInput): Promise<SetupResult> {
  const problem = passwordProblem(input.password, { email: input.email, name: input.name });
  if (problem) throw new AppError("validation_error", "Choose a stronger password.", { fields: { password: [problem] } });
  // Hashed before the lock: bcrypt's time is not spent holding it.
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    await takeFirstRunLock(tx);
    if ((await tx.user.count()) > 0) throw setupDone();
    const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash }, select: { id: true, name: true } });
    const scope = await createOwnedBusiness(tx, user, input.business);
    await tx.auditLog.create({ data: { businessId: scope.businessId, actorUserId: user.id, action: "setup.completed", target: user.id, meta: { email: input.email } } });
    return { userId: user.id, businessId: scope.businessId };
  });
}

/**
 * Remembers "setup is done" once it is (it never comes back), so pages stop asking the database.
 * While pending, each question reads it again: another node may have finished setup.
 */
export function createSetupState(db: PrismaClient) {
  let done = false;
  return {
    async pending(): Promise<boolean> {
      if (done) return false;
      done = !(await isSetupPending(db));
      return !done;
    },
  };
}
export type SetupState = ReturnType<typeof createSetupState>;

/** Paths that work before setup: the setup page itself, Next's assets, APIs, health checks, sockets, files. */
const BEFORE_SETUP = /^\/(setup(\/|$)|_next\/|api\/|health(\/|$)|socket\.io\/)|\.[a-z0-9]+$/i;

/**
 * For the HTTP server, in front of the pages: while the installation has no user, every page
 * request leads to /setup (307, so the browser asks again once setup is done).
 */
export function createFirstRunRedirect(state: SetupState) {
  return async (req: { method?: string }, res: { writeHead(status: number, headers: Record<string, string>): unknown; end(): unknown }, pathname: string): Promise<boolean> => {
    if ((req.method !== "GET" && req.method !== "HEAD") || BEFORE_SETUP.test(pathname)) return false;
    if (!(await state.pending())) return false;
    res.writeHead(307, { location: "/setup", "cache-control": "no-store" });
    res.end();
    return true;
  };
}

/** What the headless setups (BOOTSTRAP_* env, `npm run setup`) give: the owner and the business's name; the rest has defaults. */
export interface HeadlessSetup {
  email: string;
  password: string;
  name: string;
  businessName: string;
  slug?: string;
  timezone?: string;
  currency?: string;
}

/**
 * Runs setup unless it already happened: true when this call created the owner. Idempotent, so a
 * container can pass the same BOOTSTRAP_* env on every start (and several nodes at once).
 * Invalid values (a weak password, an unknown time zone) throw with the fields named.
 */
export async function setupHeadless(db: PrismaClient, setup: HeadlessSetup): Promise<boolean> {
  if (!(await isSetupPending(db))) return false;
  const input = parseInput(setupBody, {
    name: setup.name,
    email: setup.email,
    password: setup.password,
    business: { name: setup.businessName, ...(setup.slug ? { slug: setup.slug } : {}), timezone: setup.timezone ?? "UTC", currency: setup.currency ?? "USD" },
  });
  try {
    await completeSetup(db, input);
    return true;
  } catch (error) {
    // Another node (or process) finished setup between the check and the lock.
    if (error instanceof AppError && error.code === "not_found") return false;
    throw error;
  }
}
