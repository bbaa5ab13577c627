"use client";

import { useSyncExternalStore } from "react";
import { createTickingClock } from "./ticking-clock";

const pageClock = createTickingClock(1000);

/**
 * The page's clock in milliseconds, ticking every second (one interval for the whole page); null
 * while the server renders and during hydration, so the first paint is the server's.
 */
export function useNow(): number | null {
  return useSyncExternalStore(pageClock.subscribe, pageClock.now, () => null);
}
