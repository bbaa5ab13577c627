"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/**
 * A value that clears itself `ttlMs` after it was last set: for signals whose "off" may never
 * arrive (a typing indicator when the other side's tab closes mid-word).
 */
export function useExpiringValue<T>(ttlMs: number): [value: T | null, set: (value: T) => void, clear: () => void] {
  const [value, setValue] = useState<T | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const clear = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    setValue(null);
  }, []);

  const set = useCallback(
    (next: T) => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(clear, ttlMs);
      setValue(next);
    },
    [clear, ttlMs],
  );

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  return [value, set, clear];
}
