/**
 * Business hours (issue #17): a business's weekly schedule and holidays in its own time zone, the
 * admin API's body and answer, and the desk's state as the customer page and the settings page
 * show it. Stored as `Business.settings.hours`; absent or disabled = always open. Universal.
 */
import { z } from "zod";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Opening intervals a day can have (a lunch break or two, not a timetable). */
export const INTERVALS_PER_DAY_MAX = 6;
/** A year of public holidays and then some. */
export const HOLIDAYS_MAX = 100;
export const BUSINESS_HOURS_BODY_MAX_BYTES = 16 * 1024;

/** "HH:MM" (24 h) as minutes after midnight; "24:00" is the end of the day. */
export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

const clockTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, "must be a time such as 09:00");
const closingTime = z.string().regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, "must be a time such as 17:30 (24:00 = midnight)");

export const openingInterval = z
  .object({ open: clockTime, close: closingTime })
  .strict()
  .refine((interval) => minutesOf(interval.open) < minutesOf(interval.close), { message: "close must be after open", path: ["close"] });
export type OpeningInterval = z.infer<typeof openingInterval>;

/** A day's intervals, in order, none overlapping (one may start where the previous one ends). */
const dayIntervals = z
  .array(openingInterval)
  .max(INTERVALS_PER_DAY_MAX, `at most ${INTERVALS_PER_DAY_MAX} intervals a day`)
  .transform((intervals) => [...intervals].sort((a, b) => minutesOf(a.open) - minutesOf(b.open)))
  .superRefine((intervals, ctx) => {
    for (let i = 1; i < intervals.length; i++) {
      if (minutesOf(intervals[i].open) < minutesOf(intervals[i - 1].close)) {
        ctx.addIssue({ code: "custom", message: `${intervals[i].open}–${intervals[i].close} overlaps ${intervals[i - 1].open}–${intervals[i - 1].close}`, path: [i] });
      }
    }
  });

const isCalendarDate = (value: string) => {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

export const holiday = z
  .object({
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date such as 2026-12-25")
      .refine(isCalendarDate, { message: "is not a calendar date" }),
    name: z.string().trim().max(100, "name must be at most 100 characters").optional(),
  })
  .strict();
export type Holiday = z.infer<typeof holiday>;

export const businessHoursSchema = z
  .object({
    enabled: z.boolean(),
    weekly: z.object({ mon: dayIntervals, tue: dayIntervals, wed: dayIntervals, thu: dayIntervals, fri: dayIntervals, sat: dayIntervals, sun: dayIntervals }).strict(),
    holidays: z
      .array(holiday)
      .max(HOLIDAYS_MAX, `at most ${HOLIDAYS_MAX} holidays`)
      .transform((days) => [...days].sort((a, b) => a.date.localeCompare(b.date)))
      .superRefine((days, ctx) => {
        for (let i = 1; i < days.length; i++) if (days[i].date === days[i - 1].date) ctx.addIssue({ code: "custom", message: `${days[i].date} is listed twice`, path: [i, "date"] });
      }),
  })
  .strict();
export type BusinessHours = z.infer<typeof businessHoursSchema>;

/** `PUT /api/v1/admin/business-hours`: the whole schedule. */
export const businessHoursBody = businessHoursSchema;

/** What a business that never set its hours is offered: disabled (always open), weekdays 09:00–17:00 filled in to start from. */
export const DEFAULT_BUSINESS_HOURS: BusinessHours = {
  enabled: false,
  weekly: {
    mon: [{ open: "09:00", close: "17:00" }],
    tue: [{ open: "09:00", close: "17:00" }],
    wed: [{ open: "09:00", close: "17:00" }],
    thu: [{ open: "09:00", close: "17:00" }],
    fri: [{ open: "09:00", close: "17:00" }],
    sat: [],
    sun: [],
  },
  holidays: [],
};

/**
 * Whether a person can answer now. Closed = outside the hours, or (with hours on) no person of the
 * business ONLINE (docs/decisions/022). `opens_at`: when the hours open next (null when the desk is
 * open, when it waits for someone to come online, or when the schedule never opens).
 * `changes_at`: when the hours next open or close, for a page to read the state again then.
 */
export interface DeskStatusWire {
  open: boolean;
  closed_reason: "hours" | "nobody_online" | null;
  opens_at: string | null;
  changes_at: string | null;
  time_zone: string;
}

/** `GET|PUT /api/v1/admin/business-hours`. */
export interface BusinessHoursWire {
  hours: BusinessHours;
  /** The business's time zone (changed on the settings page): the hours are its wall-clock times. */
  time_zone: string;
  desk: DeskStatusWire;
}
