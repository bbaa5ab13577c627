"use client";

import { useCallback, useMemo, useSyncExternalStore } from "react";
import type { ChatCredential } from "./customer-api.client";

// The chat this browser has open with each business, kept across reloads.
const storageKey = (slug: string) => `switchboard:chat:${slug}`;
const listeners = new Set<() => void>();
// Some browsers block storage in third-party iframes: then the chat lasts as long as the tab.
const memoryStorage = new Map<string, string>();

function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return memoryStorage.get(key) ?? null;
  }
}

function writeStored(key: string, value: string | null) {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    if (value === null) memoryStorage.delete(key);
    else memoryStorage.set(key, value);
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  // Another tab starting or ending this business's chat.
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

function parseCredential(raw: string | null): ChatCredential | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<ChatCredential>;
    return typeof value.session_id === "string" && typeof value.session_token === "string" ? { session_id: value.session_id, session_token: value.session_token } : null;
  } catch {
    return null;
  }
}

/**
 * The credential stored for the business `slug` — `undefined` until the browser storage has been
 * read (server render, hydration), then the credential or null — and how to replace or forget it.
 */
export function useStoredChatCredential(slug: string): [credential: ChatCredential | null | undefined, store: (credential: ChatCredential | null) => void] {
  const key = storageKey(slug);
  const raw = useSyncExternalStore<string | null | undefined>(
    subscribe,
    () => readStored(key),
    () => undefined,
  );
  const credential = useMemo(() => (raw === undefined ? undefined : parseCredential(raw)), [raw]);
  const store = useCallback(
    (next: ChatCredential | null) => writeStored(key, next && JSON.stringify({ session_id: next.session_id, session_token: next.session_token } satisfies ChatCredential)),
    [key],
  );
  return [credential, store];
}
