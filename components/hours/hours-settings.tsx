"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { otherErrors, SaveRow, useSave } from "@/components/ui/form-parts";
import { inputClass } from "@/components/ui/input";
import { StaffHeader } from "@/components/ui/staff-header";
import { textLinkClass } from "@/components/ui/text-link";
import type { BusinessSettingsWire, BusinessSummaryWire } from "@/lib/contract/businesses";
import { WEEKDAYS, type BusinessHours, type BusinessHoursWire, type Weekday } from "@/lib/contract/business-hours";
import { useNow } from "@/lib/browser/use-now.client";
import { saveBusinessHours } from "@/lib/hours/api.client";
import { isOpen, nextClosing, nextOpening } from "@/lib/hours/schedule";

interface Props {
  businesses: BusinessSummaryWire[];
  business: BusinessSettingsWire;
  initial: BusinessHoursWire;
}

const DAY_NAMES: Record<Weekday, string> = { mon: "Monday", tue: "Tuesday", wed: "Wednesday", thu: "Thursday", fri: "Friday", sat: "Saturday", sun: "Sunday" };
const smallInput = inputClass.replace("w-full", "w-28");

/**
 * An HH:MM field of an interval. Text, not a time input: closing takes 24:00, and a time input
 * shows "09:00 AM" in 12-hour locales, cut off at this width.
 */
function TimeField({ label, detail, placeholder, value, onChange }: { label: string; detail: string; placeholder: string; value: string; onChange: (value: string) => void }) {
  return (
    <label className="text-xs text-slate-600">
      {label}
      <span className="sr-only"> {detail}</span>
      <input type="text" inputMode="numeric" pattern="[0-2][0-9]:[0-5][0-9]" placeholder={placeholder} value={value} onChange={(event) => onChange(event.target.value)} className={smallInput} />
    </label>
  );
}

/** "Mon 09:00" in the business's time zone. */
const atBusinessTime = (date: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(date);

/** What the hours being edited mean now: open or closed, and until or from when. */
function hoursPreview(hours: BusinessHours, timeZone: string, now: Date): string {
  if (!hours.enabled) return "Always open: business hours are off.";
  if (isOpen(hours, timeZone, now)) {
    const closes = nextClosing(hours, timeZone, now);
    return closes ? `Open now, closes ${atBusinessTime(closes, timeZone)}.` : "Open now, around the clock.";
  }
  const opens = nextOpening(hours, timeZone, now);
  return opens ? `Closed, opens ${atBusinessTime(opens, timeZone)}.` : "Closed: these hours never open.";
}

/** The /settings/hours page: the weekly schedule, holidays, and whether the desk is open now. */
export function HoursSettings({ businesses, business, initial }: Props) {
  const router = useRouter();
  const [hours, setHours] = useState<BusinessHours>(initial.hours);
  const [saved, setSaved] = useState(initial);
  // Clock-dependent: computed in the browser after the first paint, which shows the server's.
  const now = useNow();
  const save = useSave();
  const timeZone = initial.time_zone;

  const setDay = (day: Weekday, intervals: BusinessHours["weekly"][Weekday]) => setHours((current) => ({ ...current, weekly: { ...current.weekly, [day]: intervals } }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await save.run(async () => {
      const stored = await saveBusinessHours(business.id, hours);
      setSaved(stored);
      setHours(stored.hours);
      router.refresh();
      return "Business hours saved.";
    });
  }

  const serverPreview = saved.desk.open ? "Open now." : saved.desk.closed_reason === "nobody_online" ? "Within hours, but no one is online." : "Closed.";
  return (
    <div className="min-h-screen">
      <StaffHeader current="/settings/hours" business={business} businesses={businesses} isDemo={business.is_demo} />
      <main className="mx-auto flex max-w-4xl flex-col gap-6 px-4 py-6">
        <div>
          <h1 className="text-2xl font-semibold">Business hours</h1>
          <p className="mt-1 text-sm text-slate-600">
            When {business.name}&apos;s team answers chats. Outside these hours, or while no one is online, the chat page says when to expect a reply and takes the customer&apos;s message and email;
            the chat joins the queue when the desk opens. The assistant still answers first.
          </p>
        </div>
        <form onSubmit={submit} className="flex flex-col gap-6" noValidate>
          <Card headingId="hours-status-heading" title="Now">
            <p role="status" className="text-sm font-medium text-slate-900">
              {now === null ? serverPreview : hoursPreview(hours, timeZone, new Date(now))}
            </p>
            <p className="mt-1 text-sm text-slate-600">
              Times are in {business.name}&apos;s time zone, <strong>{timeZone}</strong>.{" "}
              <Link href={`/settings?company_id=${encodeURIComponent(business.id)}`} className={textLinkClass}>
                Change the time zone
              </Link>
            </p>
            <label className="mt-3 flex items-center gap-2 text-sm font-medium text-slate-800">
              <input type="checkbox" checked={hours.enabled} onChange={(event) => setHours((current) => ({ ...current, enabled: event.target.checked }))} className="h-4 w-4" />
              Use business hours (off: always open, chats queue even when no one is online)
            </label>
          </Card>
          <Card headingId="weekly-heading" title="Weekly hours" description="A day without hours is closed. Add a second interval for a break.">
            <div className="flex flex-col gap-4">
              {WEEKDAYS.map((day) => (
                <DayEditor key={day} day={day} intervals={hours.weekly[day]} onChange={(intervals) => setDay(day, intervals)} />
              ))}
            </div>
          </Card>
          <Card headingId="holidays-heading" title="Holidays" description="Closed all day on these dates, whatever the weekly hours say.">
            <HolidaysEditor holidays={hours.holidays} onChange={(holidays) => setHours((current) => ({ ...current, holidays }))} />
          </Card>
          <SaveRow label="Save hours" pending={save.pending} status={save.status} error={otherErrors(save.errors, [])} />
        </form>
      </main>
    </div>
  );
}

function DayEditor({ day, intervals, onChange }: { day: Weekday; intervals: BusinessHours["weekly"][Weekday]; onChange: (intervals: BusinessHours["weekly"][Weekday]) => void }) {
  const name = DAY_NAMES[day];
  const last = intervals[intervals.length - 1];
  const update = (index: number, field: "open" | "close", value: string) => onChange(intervals.map((interval, i) => (i === index ? { ...interval, [field]: value } : interval)));
  return (
    <fieldset className="border-b border-slate-100 pb-3 last:border-0 last:pb-0">
      <legend className="text-sm font-medium text-slate-800">{name}</legend>
      <div className="mt-1 flex flex-col gap-2">
        {intervals.length === 0 ? <p className="text-sm text-slate-500">Closed</p> : null}
        {intervals.map((interval, index) => (
          <div key={index} className="flex flex-wrap items-end gap-2">
            <TimeField label="Opens" detail={`on ${name}, interval ${index + 1}`} placeholder="09:00" value={interval.open} onChange={(value) => update(index, "open", value)} />
            <TimeField
              label="Closes"
              detail={`on ${name}, interval ${index + 1} (24:00 for midnight)`}
              placeholder="17:00"
              value={interval.close}
              onChange={(value) => update(index, "close", value)}
            />
            <Button type="button" variant="secondary" onClick={() => onChange(intervals.filter((_, i) => i !== index))} aria-label={`Remove ${name} ${interval.open}–${interval.close}`}>
              Remove
            </Button>
          </div>
        ))}
        <div>
          <Button
            type="button"
            variant="secondary"
            onClick={() => onChange([...intervals, last ? { open: last.close === "24:00" ? "23:00" : last.close, close: "24:00" } : { open: "09:00", close: "17:00" }])}
          >
            Add hours<span className="sr-only"> on {name}</span>
          </Button>
        </div>
      </div>
    </fieldset>
  );
}

function HolidaysEditor({ holidays, onChange }: { holidays: BusinessHours["holidays"]; onChange: (holidays: BusinessHours["holidays"]) => void }) {
  const [date, setDate] = useState("");
  const [name, setName] = useState("");
  const add = () => {
    if (!date) return;
    onChange([...holidays.filter((holiday) => holiday.date !== date), { date, ...(name.trim() ? { name: name.trim() } : {}) }].sort((a, b) => a.date.localeCompare(b.date)));
    setDate("");
    setName("");
  };
  return (
    <div className="flex flex-col gap-3">
      {holidays.length === 0 ? (
        <p className="text-sm text-slate-500">No holidays.</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {holidays.map((holiday) => (
            <li key={holiday.date} className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm">
              <span>
                <strong>{holiday.date}</strong>
                {holiday.name ? ` — ${holiday.name}` : null}
              </span>
              <Button type="button" variant="secondary" onClick={() => onChange(holidays.filter((h) => h.date !== holiday.date))} aria-label={`Remove the holiday on ${holiday.date}`}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap items-end gap-2">
        <label htmlFor="holiday-date" className="text-xs text-slate-600">
          Date
          <input id="holiday-date" type="date" value={date} onChange={(event) => setDate(event.target.value)} className={inputClass} />
        </label>
        <label htmlFor="holiday-name" className="text-xs text-slate-600">
          Name <span className="text-slate-500">(optional)</span>
          <input id="holiday-name" type="text" maxLength={100} value={name} onChange={(event) => setName(event.target.value)} className={inputClass} />
        </label>
        <Button type="button" variant="secondary" onClick={add} disabled={!date}>
          Add holiday
        </Button>
      </div>
    </div>
  );
}
