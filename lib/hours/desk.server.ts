import type { DbClient } from "../db/prisma-client.server";
import type { DeskStatusWire } from "../contract/business-hours";
import { deskStatus, hoursEnabled } from "./desk";
import { businessHours } from "./schedule";

interface DeskRow {
  settings: unknown;
  timezone: string;
  staffed: boolean;
}

/** What the desk depends on, in one read: the hours, the time zone, and whether a person is ONLINE. */
async function readDesk(db: DbClient, businessId: string): Promise<DeskRow | null> {
  const [row] = await db.$queryRaw<DeskRow[]>`
    SELECT b.settings, b.timezone,
           EXISTS (SELECT 1 FROM "Agent" a WHERE a."businessId" = b.id AND a.kind = 'HUMAN'::"AgentKind" AND a.status = 'ONLINE'::"AgentStatus") AS staffed
    FROM "Business" b WHERE b.id = ${businessId}::uuid`;
  return row ?? null;
}

/** The business's desk now (null: no such business). */
export async function loadDesk(db: DbClient, businessId: string, now = new Date()): Promise<DeskStatusWire | null> {
  const row = await readDesk(db, businessId);
  return row && deskStatus({ hours: businessHours(row.settings), timeZone: row.timezone, staffed: row.staffed, now });
}

/**
 * The desk when it is closed, else null. A business without hours on is never closed, and costs no
 * read: `settings` are the business's, already at hand (a chat start, a handoff).
 */
export async function closedDesk(db: DbClient, business: { id: string; settings: unknown }, now = new Date()): Promise<DeskStatusWire | null> {
  if (!hoursEnabled(businessHours(business.settings))) return null;
  const desk = await loadDesk(db, business.id, now);
  return desk && !desk.open ? desk : null;
}
