import { Prisma } from "../db/generated/client";
import type { PrismaClient } from "../db/prisma-client.server";
import { notFound } from "../errors/app-error";
import type { BusinessScope } from "../tenancy/memberships.server";

/**
 * The time boundaries dashboard queries filter on, as SQL fragments. Timestamp columns are
 * timestamp(3) holding UTC without a zone, so every boundary is rendered the same way. Calendar
 * days and hours follow the business's IANA time zone and are resolved by Postgres (AT TIME ZONE),
 * so DST is the tz database's job. Every function used is immutable and `now` is a parameter, so
 * the planner folds each boundary to a constant: index ranges and row estimates stay exact.
 */
export interface DashboardClock {
  timeZone: string;
  /** The instant the figures are "as of". */
  now: Prisma.Sql;
  /** Local midnight starting the calendar day `daysAgo` days before today. */
  localMidnight(daysAgo: number): Prisma.Sql;
  /** The calendar date (type date) `daysAgo` days before today. */
  localDate(daysAgo: number): Prisma.Sql;
  /** Start of the local clock hour `hoursAgo` hours before the current one. */
  localHourStart(hoursAgo: number): Prisma.Sql;
  /** A stored timestamp column, as a local calendar date. */
  localDateOf(column: Prisma.Sql): Prisma.Sql;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** `instant` as the columns store it: UTC, without a zone. */
export function utcTimestamp(instant: Date): Prisma.Sql {
  return Prisma.sql`(${instant.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
}

/** The start of a rolling window of `days` × 24 hours ending at `now` (no time zone involved). */
export function daysBefore(now: Date, days: number): Prisma.Sql {
  return utcTimestamp(new Date(now.getTime() - days * DAY_MS));
}

/** The business's time zone, checked against the scope (a vanished business is a 404). */
export async function loadDashboardClock(db: PrismaClient, scope: BusinessScope, now: Date): Promise<DashboardClock> {
  const business = await db.business.findUnique({ where: { id: scope.businessId }, select: { timezone: true } });
  if (!business) throw notFound("Business");
  const zone = Prisma.sql`${business.timezone}::text`;
  const nowInstant = Prisma.sql`${now.toISOString()}::timestamptz`;
  const localDate = (daysAgo: number) => Prisma.sql`((${nowInstant} AT TIME ZONE ${zone})::date - ${daysAgo}::int)`;
  return {
    timeZone: business.timezone,
    now: utcTimestamp(now),
    localMidnight: (daysAgo) => Prisma.sql`((${localDate(daysAgo)}::timestamp AT TIME ZONE ${zone}) AT TIME ZONE 'UTC')`,
    localDate,
    // Steps back in real hours from the local hour's start, so a DST change never yields a 0- or 2-hour bucket.
    localHourStart: (hoursAgo) => Prisma.sql`((date_trunc('hour', ${nowInstant}, ${zone}) AT TIME ZONE 'UTC') - ${hoursAgo}::int * interval '1 hour')`,
    localDateOf: (column) => Prisma.sql`((${column} AT TIME ZONE 'UTC') AT TIME ZONE ${zone})::date`,
  };
}
