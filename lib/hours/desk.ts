/**
 * The desk: whether a person can answer a chat now (docs/decisions/022). With business hours on,
 * it is closed outside them and whenever no person of the business is ONLINE; a business without
 * hours (or with them off) keeps its desk open: chats queue for whoever comes. Pure and universal.
 */
import type { BusinessHours, DeskStatusWire } from "../contract/business-hours";
import { isOpen, nextChange, nextOpening } from "./schedule";

export interface DeskInput {
  hours: BusinessHours | null;
  timeZone: string;
  /** A person (HUMAN agent) of the business is ONLINE. */
  staffed: boolean;
  now: Date;
}

/** Whether the business opts into closing its desk at all: only then are offline messages taken. */
export const hoursEnabled = (hours: BusinessHours | null): hours is BusinessHours => hours !== null && hours.enabled;

export function deskStatus({ hours, timeZone, staffed, now }: DeskInput): DeskStatusWire {
  const changesAt = nextChange(hours, timeZone, now)?.toISOString() ?? null;
  if (!hoursEnabled(hours)) return { open: true, closed_reason: null, opens_at: null, changes_at: null, time_zone: timeZone };
  if (!isOpen(hours, timeZone, now)) {
    return { open: false, closed_reason: "hours", opens_at: nextOpening(hours, timeZone, now)?.toISOString() ?? null, changes_at: changesAt, time_zone: timeZone };
  }
  return { open: staffed, closed_reason: staffed ? null : "nobody_online", opens_at: null, changes_at: changesAt, time_zone: timeZone };
}

/**
 * When the customer can expect a reply, as a sentence in the business's time zone (stored in the
 * chat, so it cannot follow each reader's locale: the customer page shows the time in theirs).
 */
export function replyExpectation(desk: DeskStatusWire, now: Date): string {
  if (desk.closed_reason === "nobody_online") return "No one from our team is online right now. We'll reply as soon as someone is back.";
  if (desk.opens_at === null) return "We're closed right now. We'll reply as soon as we can.";
  const opens = new Date(desk.opens_at);
  const withinWeek = opens.getTime() - now.getTime() < 6 * 24 * 60 * 60 * 1000;
  const when = new Intl.DateTimeFormat("en-GB", {
    timeZone: desk.time_zone,
    weekday: "long",
    ...(withinWeek ? {} : { day: "numeric", month: "long" }),
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(opens);
  return `We're closed right now. We'll reply from ${when} (${desk.time_zone} time).`;
}

/** What a chat taken while the desk is closed tells its customer: when to expect a reply, and where, or asks for an email. */
export function offlineNotice(desk: DeskStatusWire, now: Date, customerEmail: string | null): string {
  const where = customerEmail ? `If you've gone by then, we'll answer you at ${customerEmail}.` : "Leave your email below and we'll answer you there if you've gone by then.";
  return `${replyExpectation(desk, now)} ${where}`;
}
