/**
 * A business's opening hours against the clock: whether they are open at an instant, and when they
 * next open or close. Hours are wall-clock times in the business's IANA time zone (Intl is the
 * authority), so a schedule keeps meaning "09:00 there" across DST changes: on the day clocks jump
 * forward an opening inside the skipped hour happens at the jump; on the day they go back a time
 * that happens twice counts from its first occurrence. Pure and universal (the settings page
 * previews with it). Unit-tested in schedule.test.ts.
 */
import { businessHoursSchema, minutesOf, WEEKDAYS, type BusinessHours } from "../contract/business-hours";

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** How far ahead an opening is looked for: past a year of holidays, nothing will open. */
const SEARCH_DAYS = 400;

/** The business's stored hours (`Business.settings.hours`), or null when unset or not a valid schedule (= always open). */
export function businessHours(settings: unknown): BusinessHours | null {
  const parsed = businessHoursSchema.safeParse((settings as { hours?: unknown } | null)?.hours);
  return parsed.success ? parsed.data : null;
}

/** Hours that restrict anything: set and enabled. */
const restricting = (hours: BusinessHours | null): hours is BusinessHours => hours !== null && hours.enabled;

interface WallTime {
  /** The local calendar date, YYYY-MM-DD. */
  date: string;
  /** Minutes after local midnight. */
  minute: number;
  /** The local wall time as if it were UTC, in minutes: comparable across days. */
  stamp: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
    formatters.set(timeZone, found);
  }
  return found;
}

function wallTime(instant: number, timeZone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) parts[part.type] = part.value;
  const [year, month, day, hour, minute] = [parts.year, parts.month, parts.day, parts.hour, parts.minute].map(Number);
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minute: hour * 60 + minute, stamp: Date.UTC(year, month - 1, day, hour, minute) / MINUTE_MS };
}

/** The zone's offset from UTC at an instant, in ms (whole minutes: seconds are dropped). */
const offsetAt = (instant: number, timeZone: string) => wallTime(instant, timeZone).stamp * MINUTE_MS - Math.floor(instant / MINUTE_MS) * MINUTE_MS;

/**
 * The first instant whose wall time in the zone is at or after `stamp` (local minutes as if UTC):
 * the moment the clocks there show that time, or the DST jump that skips over it.
 */
function instantOfWallTime(stamp: number, timeZone: string): number {
  const guess = stamp * MINUTE_MS;
  // The offsets a day either side: one DST change at most lies between them.
  const candidates = [...new Set([guess - offsetAt(guess - DAY_MS, timeZone), guess - offsetAt(guess + DAY_MS, timeZone)])].sort((a, b) => a - b);
  const exact = candidates.find((candidate) => wallTime(candidate, timeZone).stamp === stamp);
  if (exact !== undefined) return exact;
  // In the gap of a jump forward: the first minute whose wall time is past it.
  let [low, high] = [candidates[0], candidates[candidates.length - 1]];
  while (high - low > MINUTE_MS) {
    const middle = low + Math.floor((high - low) / MINUTE_MS / 2) * MINUTE_MS;
    if (wallTime(middle, timeZone).stamp >= stamp) high = middle;
    else low = middle;
  }
  return wallTime(low, timeZone).stamp >= stamp ? low : high;
}

/** The calendar date `days` after `date` (YYYY-MM-DD) and its weekday. */
function dateAfter(date: string, days: number): { date: string; weekday: (typeof WEEKDAYS)[number]; stamp: number } {
  const utc = Date.parse(`${date}T00:00:00Z`) + days * DAY_MS;
  const iso = new Date(utc).toISOString().slice(0, 10);
  // getUTCDay: 0 = Sunday; WEEKDAYS starts on Monday.
  return { date: iso, weekday: WEEKDAYS[(new Date(utc).getUTCDay() + 6) % 7], stamp: utc / MINUTE_MS };
}

/** The day's opening intervals as local minute stamps (none on a holiday). */
function intervalsOn(hours: BusinessHours, date: string, days: number) {
  const day = dateAfter(date, days);
  if (hours.holidays.some((holiday) => holiday.date === day.date)) return [];
  return hours.weekly[day.weekday].map((interval) => ({ open: day.stamp + minutesOf(interval.open), close: day.stamp + minutesOf(interval.close) }));
}

function openAtWall(hours: BusinessHours, wall: WallTime): boolean {
  return intervalsOn(hours, wall.date, 0).some((interval) => interval.open <= wall.stamp && wall.stamp < interval.close);
}

/** Whether the hours are open at `now` (always, when unset or disabled). */
export function isOpen(hours: BusinessHours | null, timeZone: string, now: Date): boolean {
  if (!restricting(hours)) return true;
  return openAtWall(hours, wallTime(now.getTime(), timeZone));
}

/**
 * The first instant at or after `now` when the hours are open: `now` itself while open, null when
 * the schedule never opens (no hours in the week, or only holidays ahead).
 */
export function nextOpening(hours: BusinessHours | null, timeZone: string, now: Date): Date | null {
  if (!restricting(hours)) return now;
  const wall = wallTime(now.getTime(), timeZone);
  if (openAtWall(hours, wall)) return now;
  for (let days = 0; days < SEARCH_DAYS; days++) {
    for (const interval of intervalsOn(hours, wall.date, days)) {
      if (interval.open > wall.stamp) return new Date(instantOfWallTime(interval.open, timeZone));
    }
  }
  return null;
}

/**
 * The first instant after `now` when the hours are closed: null while closed, or when they never
 * close (every day open all day, no holidays ahead). Intervals that touch (17:00 close, 17:00 open;
 * 24:00 and the next day's 00:00) are one stretch.
 */
export function nextClosing(hours: BusinessHours | null, timeZone: string, now: Date): Date | null {
  if (!restricting(hours)) return null;
  const wall = wallTime(now.getTime(), timeZone);
  if (!openAtWall(hours, wall)) return null;
  let until = wall.stamp;
  for (let days = 0; days < SEARCH_DAYS; days++) {
    for (const interval of intervalsOn(hours, wall.date, days)) {
      if (interval.open <= until && until < interval.close) until = interval.close;
    }
    // The stretch ended before the next day starts: that is the closing.
    if (until < dateAfter(wall.date, days + 1).stamp) return new Date(instantOfWallTime(until, timeZone));
  }
  return null;
}

/** When the hours next open or close after `now` (for a page to re-read the desk then); null if never. */
export function nextChange(hours: BusinessHours | null, timeZone: string, now: Date): Date | null {
  if (!restricting(hours)) return null;
  return isOpen(hours, timeZone, now) ? nextClosing(hours, timeZone, now) : nextOpening(hours, timeZone, now);
}
