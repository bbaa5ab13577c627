import type { Clock } from "../../lib/server/clock.server";

export interface ManualClock extends Clock {
  /** Moves time to `to`, running the timers that fall due on the way in order, each awaited (a worker's run). */
  advanceTo(to: Date): Promise<void>;
}

/** A clock that stands still until a test moves it. */
export function createManualClock(start: Date): ManualClock {
  let now = start.getTime();
  let nextId = 0;
  const timers = new Map<number, { due: number; callback: () => unknown }>();
  const nextDue = (until: number) =>
    [...timers]
      .filter(([, timer]) => timer.due <= until)
      .sort(([idA, a], [idB, b]) => a.due - b.due || idA - idB)
      .at(0);
  return {
    now: () => new Date(now),
    schedule(delayMs, callback) {
      const id = nextId++;
      timers.set(id, { due: now + Math.max(0, delayMs), callback });
      return { cancel: () => void timers.delete(id) };
    },
    async advanceTo(to) {
      for (let due = nextDue(to.getTime()); due; due = nextDue(to.getTime())) {
        const [id, timer] = due;
        timers.delete(id);
        now = Math.max(now, timer.due);
        await timer.callback();
      }
      now = Math.max(now, to.getTime());
    },
  };
}
