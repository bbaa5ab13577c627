import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { businessHoursSchema, DEFAULT_BUSINESS_HOURS, type BusinessHours } from "../contract/business-hours";
import { deskStatus, offlineNotice, replyExpectation } from "./desk";
import { businessHours, isOpen, nextChange, nextClosing, nextOpening } from "./schedule";

const BERLIN = "Europe/Berlin";
const NEW_YORK = "America/New_York";
const at = (iso: string) => new Date(iso);
const iso = (date: Date | null) => date?.toISOString() ?? null;

/** Every day with the same intervals (then adjusted per test). */
function hours(weekly: Partial<BusinessHours["weekly"]>, holidays: BusinessHours["holidays"] = []): BusinessHours {
  return businessHoursSchema.parse({ enabled: true, weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [], ...weekly }, holidays });
}
const everyDay = (open: string, close: string) => Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((day) => [day, [{ open, close }]]));

describe("business hours schema", () => {
  it("accepts HH:MM intervals with open before close, 24:00 as a close, and sorts them", () => {
    const parsed = hours({
      mon: [
        { open: "13:00", close: "24:00" },
        { open: "09:00", close: "12:00" },
      ],
    });
    assert.deepEqual(parsed.weekly.mon, [
      { open: "09:00", close: "12:00" },
      { open: "13:00", close: "24:00" },
    ]);
    const touching = hours({
      tue: [
        { open: "09:00", close: "12:00" },
        { open: "12:00", close: "17:00" },
      ],
    });
    assert.equal(touching.weekly.tue.length, 2);
  });

  it("refuses bad times, empty or inverted intervals, overlaps, bad or repeated holidays and unknown keys", () => {
    const bad = (weekly: Record<string, unknown>, holidays: unknown[] = []) =>
      businessHoursSchema.safeParse({ enabled: true, weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [], ...weekly }, holidays }).success;
    assert.equal(bad({ mon: [{ open: "9:00", close: "17:00" }] }), false);
    assert.equal(bad({ mon: [{ open: "24:00", close: "24:00" }] }), false);
    assert.equal(bad({ mon: [{ open: "09:60", close: "17:00" }] }), false);
    assert.equal(bad({ mon: [{ open: "17:00", close: "09:00" }] }), false);
    assert.equal(bad({ mon: [{ open: "09:00", close: "09:00" }] }), false);
    assert.equal(
      bad({
        mon: [
          { open: "09:00", close: "13:00" },
          { open: "12:00", close: "17:00" },
        ],
      }),
      false,
    );
    assert.equal(bad({ mon: [{ open: "09:00", close: "17:00", extra: 1 }] }), false);
    assert.equal(bad({ holiday: [] }), false);
    assert.equal(bad({}, [{ date: "2026-02-30" }]), false);
    assert.equal(bad({}, [{ date: "2026-12-25" }, { date: "2026-12-25", name: "again" }]), false);
    assert.equal(bad({}, [{ date: "2026-12-25", name: "Christmas" }]), true);
  });

  it("reads stored settings: absent or invalid hours are none (always open)", () => {
    assert.equal(businessHours({}), null);
    assert.equal(businessHours(null), null);
    assert.equal(businessHours({ hours: { enabled: true } }), null);
    assert.deepEqual(businessHours({ hours: DEFAULT_BUSINESS_HOURS }), DEFAULT_BUSINESS_HOURS);
  });
});

describe("isOpen and nextOpening", () => {
  const weekdays = hours({
    mon: [{ open: "09:00", close: "17:30" }],
    tue: [{ open: "09:00", close: "17:30" }],
    wed: [
      { open: "09:00", close: "12:00" },
      { open: "13:00", close: "17:30" },
    ],
  });

  it("are always open without hours or with them off", () => {
    assert.equal(isOpen(null, BERLIN, at("2026-11-29T03:00:00Z")), true);
    assert.equal(isOpen({ ...weekdays, enabled: false }, BERLIN, at("2026-11-29T03:00:00Z")), true);
    assert.equal(iso(nextOpening(null, BERLIN, at("2026-11-29T03:00:00Z"))), "2026-11-29T03:00:00.000Z");
    assert.equal(nextClosing(null, BERLIN, at("2026-11-29T03:00:00Z")), null);
  });

  it("follow the business's wall clock, not UTC", () => {
    // Monday 30 November 2026; Berlin is UTC+1 in winter.
    assert.equal(isOpen(weekdays, BERLIN, at("2026-11-30T07:59:00Z")), false);
    assert.equal(isOpen(weekdays, BERLIN, at("2026-11-30T08:00:00Z")), true);
    assert.equal(isOpen(weekdays, BERLIN, at("2026-11-30T16:29:59Z")), true);
    assert.equal(isOpen(weekdays, BERLIN, at("2026-11-30T16:30:00Z")), false);
    assert.equal(isOpen(weekdays, NEW_YORK, at("2026-11-30T08:00:00Z")), false, "03:00 in New York");
  });

  it("give now while open, else the next interval's start: later today, after a break, or days ahead", () => {
    const open = at("2026-11-30T10:00:00Z");
    assert.equal(iso(nextOpening(weekdays, BERLIN, open)), open.toISOString());
    assert.equal(iso(nextOpening(weekdays, BERLIN, at("2026-11-30T06:00:00Z"))), "2026-11-30T08:00:00.000Z");
    assert.equal(iso(nextOpening(weekdays, BERLIN, at("2026-12-02T11:30:00Z"))), "2026-12-02T12:00:00.000Z", "after Wednesday's lunch break");
    // Wednesday evening → next Monday 09:00.
    assert.equal(iso(nextOpening(weekdays, BERLIN, at("2026-12-02T18:00:00Z"))), "2026-12-07T08:00:00.000Z");
  });

  it("skip holidays, including a run of them", () => {
    const withHolidays = hours(everyDay("09:00", "17:00"), [{ date: "2026-12-24" }, { date: "2026-12-25", name: "Christmas" }, { date: "2026-12-26" }]);
    assert.equal(isOpen(withHolidays, BERLIN, at("2026-12-25T10:00:00Z")), false);
    assert.equal(iso(nextOpening(withHolidays, BERLIN, at("2026-12-23T17:00:00Z"))), "2026-12-27T08:00:00.000Z");
  });

  it("are null when the week has no hours at all", () => {
    const never = hours({});
    assert.equal(isOpen(never, BERLIN, at("2026-11-30T10:00:00Z")), false);
    assert.equal(nextOpening(never, BERLIN, at("2026-11-30T10:00:00Z")), null);
    assert.equal(nextChange(never, BERLIN, at("2026-11-30T10:00:00Z")), null);
  });

  it("are null when only holidays lie ahead of a one-day week", () => {
    const onlyFriday = hours({ fri: [{ open: "09:00", close: "17:00" }] }, [{ date: "2026-12-04" }]);
    assert.equal(iso(nextOpening(onlyFriday, BERLIN, at("2026-12-01T10:00:00Z"))), "2026-12-11T08:00:00.000Z");
  });
});

describe("DST change days", () => {
  it("keep opening at the local time on either side of the change (spring, Berlin)", () => {
    const daily = hours(everyDay("09:00", "17:00"));
    // Sunday 29 March 2026: 02:00 CET becomes 03:00 CEST. Saturday 09:00 is 08:00Z, Sunday 09:00 is 07:00Z.
    assert.equal(iso(nextOpening(daily, BERLIN, at("2026-03-28T17:00:00Z"))), "2026-03-29T07:00:00.000Z");
    assert.equal(isOpen(daily, BERLIN, at("2026-03-29T07:00:00Z")), true);
    assert.equal(isOpen(daily, BERLIN, at("2026-03-29T06:59:00Z")), false);
  });

  it("open at the jump when the opening time is skipped, and close on the skipped time's far side", () => {
    const night = hours(everyDay("02:30", "03:30"));
    // 02:30 does not exist on 29 March 2026 in Berlin: the clocks show 03:00 at 01:00Z.
    assert.equal(iso(nextOpening(night, BERLIN, at("2026-03-28T23:00:00Z"))), "2026-03-29T01:00:00.000Z");
    assert.equal(iso(nextClosing(night, BERLIN, at("2026-03-29T01:10:00Z"))), "2026-03-29T01:30:00.000Z");
  });

  it("count a repeated time from its first occurrence (autumn, New York)", () => {
    const early = hours(everyDay("01:30", "09:00"));
    // Sunday 1 November 2026: 02:00 EDT becomes 01:00 EST; 01:30 happens at 05:30Z and at 06:30Z.
    assert.equal(iso(nextOpening(early, NEW_YORK, at("2026-11-01T04:00:00Z"))), "2026-11-01T05:30:00.000Z");
    assert.equal(iso(nextClosing(early, NEW_YORK, at("2026-11-01T06:40:00Z"))), "2026-11-01T14:00:00.000Z", "09:00 EST");
    // Wall-clock hours: the repeated 01:00–01:30 (06:00Z–06:30Z) is before opening again.
    assert.equal(isOpen(early, NEW_YORK, at("2026-11-01T06:10:00Z")), false);
  });
});

describe("nextClosing and nextChange", () => {
  it("join touching intervals and midnight into one stretch", () => {
    const split = hours({
      mon: [
        { open: "09:00", close: "12:00" },
        { open: "12:00", close: "24:00" },
      ],
      tue: [{ open: "00:00", close: "02:00" }],
    });
    assert.equal(iso(nextClosing(split, BERLIN, at("2026-11-30T09:00:00Z"))), "2026-12-01T01:00:00.000Z", "Tuesday 02:00 in Berlin");
    assert.equal(iso(nextChange(split, BERLIN, at("2026-11-30T09:00:00Z"))), "2026-12-01T01:00:00.000Z");
    assert.equal(iso(nextChange(split, BERLIN, at("2026-12-01T02:00:00Z"))), "2026-12-07T08:00:00.000Z", "closed: the next Monday's opening");
  });

  it("are null for a desk open around the clock", () => {
    assert.equal(nextClosing(hours(everyDay("00:00", "24:00")), BERLIN, at("2026-11-30T09:00:00Z")), null);
  });
});

describe("the desk", () => {
  const weekdays = hours({ mon: [{ open: "09:00", close: "17:00" }], tue: [{ open: "09:00", close: "17:00" }] });

  it("is open without hours even with nobody online; with hours, closed outside them or with nobody online", () => {
    assert.equal(deskStatus({ hours: null, timeZone: BERLIN, staffed: false, now: at("2026-11-29T03:00:00Z") }).open, true);
    const night = deskStatus({ hours: weekdays, timeZone: BERLIN, staffed: true, now: at("2026-11-29T20:00:00Z") });
    assert.deepEqual(night, { open: false, closed_reason: "hours", opens_at: "2026-11-30T08:00:00.000Z", changes_at: "2026-11-30T08:00:00.000Z", time_zone: BERLIN });
    const empty = deskStatus({ hours: weekdays, timeZone: BERLIN, staffed: false, now: at("2026-11-30T10:00:00Z") });
    assert.deepEqual(empty, { open: false, closed_reason: "nobody_online", opens_at: null, changes_at: "2026-11-30T16:00:00.000Z", time_zone: BERLIN });
    assert.equal(deskStatus({ hours: weekdays, timeZone: BERLIN, staffed: true, now: at("2026-11-30T10:00:00Z") }).open, true);
  });

  it("says when to expect a reply in the business's time zone", () => {
    const sunday = at("2026-11-29T20:00:00Z");
    assert.equal(
      replyExpectation(deskStatus({ hours: weekdays, timeZone: BERLIN, staffed: true, now: sunday }), sunday),
      "We're closed right now. We'll reply from Monday 09:00 (Europe/Berlin time).",
    );
    const mondaysOnly = hours({ mon: [{ open: "09:00", close: "17:00" }] });
    const mondayEvening = at("2026-11-30T20:00:00Z");
    assert.match(replyExpectation(deskStatus({ hours: mondaysOnly, timeZone: BERLIN, staffed: true, now: mondayEvening }), mondayEvening), /from Monday 7 December at 09:00 \(Europe\/Berlin time\)/);
    const empty = deskStatus({ hours: weekdays, timeZone: BERLIN, staffed: false, now: at("2026-11-30T10:00:00Z") });
    assert.match(replyExpectation(empty, at("2026-11-30T10:00:00Z")), /as soon as someone is back/);
    assert.match(offlineNotice(empty, at("2026-11-30T10:00:00Z"), null), /Leave your email below/);
    assert.match(offlineNotice(empty, at("2026-11-30T10:00:00Z"), "dana@example.com"), /we'll answer you at dana@example\.com\.$/);
  });
});
