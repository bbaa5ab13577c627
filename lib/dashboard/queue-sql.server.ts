import { Prisma } from "../db/generated/client";

/** A ChatSession column, of the row named `alias` ("s" for `s."status"`) or unqualified. */
const column = (alias: string | undefined, name: string) => (alias ? `${alias}."${name}"` : `"${name}"`);

/**
 * SQL for "in the queue" (isQueued in lib/contract/staff.ts) on a ChatSession row: waiting, and not
 * an offline message held until the desk opens (offlineAt set, queuedAt still null). Queue
 * positions, routing and the queue's figures count only these. Literal SQL, so it may be part of
 * a prepared statement's text.
 */
export const inQueueSql = (alias?: string) =>
  Prisma.raw(`(${column(alias, "status")} = 'WAITING'::"SessionStatus" AND (${column(alias, "offlineAt")} IS NULL OR ${column(alias, "queuedAt")} IS NOT NULL))`);

export const IN_QUEUE = inQueueSql();

/** An offline message held out of the queue until the desk opens (isHeldOffline). */
export const heldOfflineSql = (alias?: string) =>
  Prisma.raw(`(${column(alias, "status")} = 'WAITING'::"SessionStatus" AND ${column(alias, "offlineAt")} IS NOT NULL AND ${column(alias, "queuedAt")} IS NULL)`);
