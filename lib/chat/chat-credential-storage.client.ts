"use client";

import { useCallback, useMemo, useSyncExternalStore } from "react";
import type { ChatCredential } from "./customer-api.client";

// The chat this browser has open with each business, kept across reloads.
const storageKey = (slug: string) => `switchboard:chat:${slug}`;
const listeners = new Set<() => void>();
// Browsers that block storage in third-party frames (the widget on a business's site) still keep a
// partitioned cookie (CHIPS): one jar per top-level site, on this origin, so the chat follows the
// visitor across that site's pages and the site itself never sees it. Where even that is refused
// (plain http off localhost), the chat lasts as long as the tab.
const memoryStorage = new Map<string, string>();
const CREDENTIAL_COOKIE_MAX_AGE_SECONDS = 30 * 86_400;

function readCookie(key: string): string | null {
  const name = `${encodeURIComponent(key)}=`;
  const entry = document.cookie.split("; ").find((cookie) => cookie.startsWith(name));
  return entry ? decodeURIComponent(entry.slice(name.length)) : null;
}

function writeCookie(key: string, value: string | null) {
  const attributes = `Path=/; SameSite=None; Secure; Partitioned; Max-Age=${value === null ? 0 : CREDENTIAL_COOKIE_MAX_AGE_SECONDS}`;
  document.cookie = `${encodeURIComponent(key)}=${value === null ? "" : encodeURIComponent(value)}; ${attributes}`;
}

function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return readCookie(key) ?? memoryStorage.get(key) ?? null;
  }
}

function writeStored(key: string, value: string | null) {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    writeCookie(key, value);
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
    if (typeof value.session_id !== "string" || typeof value.session_token !== "string") return null;
    return { session_id: value.session_id, session_token: value.session_token, external_id: typeof value.external_id === "string" ? value.external_id : null };
  } catch {
    return null;
  }
}

/** Forgets the chat this browser has open with the business `slug` (the widget's host site signed its user out). */
export const forgetStoredChat = (slug: string) => writeStored(storageKey(slug), null);

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
    (next: ChatCredential | null) =>
      writeStored(key, next && JSON.stringify({ session_id: next.session_id, session_token: next.session_token, external_id: next.external_id ?? null } satisfies ChatCredential)),
    [key],
  );
  return [credential, store];
}
