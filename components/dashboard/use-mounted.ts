"use client";

import { useSyncExternalStore } from "react";

const noop = () => () => undefined;

/** True after hydration: charts are drawn in the browser only (no SVG measured on the server). */
export function useMounted(): boolean {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
}
