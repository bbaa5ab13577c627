"use client";

import { useSyncExternalStore } from "react";

const noop = () => () => undefined;

/**
 * `read()` in the browser, `serverValue` during server rendering and hydration: for lists the
 * browser's Intl builds (time zones, currencies), which may differ from Node's and so must not be
 * part of the server paint. `read` must return the same object on every call (cache it).
 */
export function useBrowserValue<T>(read: () => T, serverValue: T): T {
  return useSyncExternalStore(noop, read, () => serverValue);
}
