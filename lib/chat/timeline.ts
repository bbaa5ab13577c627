/**
 * A conversation's messages as a page shows them: what the server stored, plus what this page
 * sent that the server has not stored yet (optimistic). Pure helpers shared by the customer chat
 * and the agent workspace.
 */
import type { ChatMessageWire } from "../contract/customer-chat";
import type { SessionNoteWire } from "../contract/staff";

/** A message written on this page and not (yet) stored by the server. */
export interface OutgoingMessage {
  client_message_id: string;
  body: string;
  created_at: string;
  state: "sending" | "failed";
  error: string | null;
  /** A private note for the team (agent workspace), not a message to the customer. */
  privateNote?: boolean;
}

/**
 * A fresh client-side id (client_message_id, request_id). crypto.randomUUID exists only in secure
 * contexts, and a self-hosted install may be served over plain http: then random bytes in hex.
 */
export function newClientId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export function newOutgoingMessage(body: string, clientMessageId: string, now: Date): OutgoingMessage {
  return { client_message_id: clientMessageId, body, created_at: now.toISOString(), state: "sending", error: null };
}

/** An assistant answer arriving piece by piece (chat.message_delta) until its chat.message. */
export interface StreamingMessage {
  id: string;
  body: string;
  started_at: string;
}

/** Adds a streamed piece to its answer (a new answer when the id is new). */
export function appendDelta(streaming: StreamingMessage[], messageId: string, delta: string, now: Date): StreamingMessage[] {
  const draft = streaming.find((entry) => entry.id === messageId);
  if (!draft) return [...streaming, { id: messageId, body: delta, started_at: now.toISOString() }];
  return streaming.map((entry) => (entry === draft ? { ...entry, body: entry.body + delta } : entry));
}

/** What the server stored and a timeline orders: a message, or a staff's private note. */
interface Stored {
  id: string;
  created_at: string;
}

// ISO timestamps in UTC ("…Z") sort as strings; the id breaks ties the way the server does.
const chronological = (a: Stored, b: Stored) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id);

/**
 * Adds stored messages (or notes) to a timeline, each once (by id), in time order. Returns `current`
 * when nothing is new. A known one is replaced only when `renewed(known, incoming)` says so.
 */
export function mergeMessages<T extends Stored>(current: T[], incoming: readonly T[], renewed?: (known: T, incoming: T) => boolean): T[] {
  const known = new Map(current.map((message) => [message.id, message]));
  const fresh = incoming.filter((message) => !known.has(message.id));
  const replaced = renewed ? new Map(incoming.filter((message) => known.has(message.id) && renewed(known.get(message.id)!, message)).map((message) => [message.id, message])) : new Map<string, T>();
  if (fresh.length === 0 && replaced.size === 0) return current;
  return [...current.map((message) => replaced.get(message.id) ?? message), ...fresh].sort(chronological);
}

/** A re-read message whose attachment link is a fresh one (links expire; every read mints new ones). */
export const attachmentLinkRenewed = (known: ChatMessageWire, incoming: ChatMessageWire) => known.attachment !== null && incoming.attachment?.url !== known.attachment.url;

/** When the first attachment link of a conversation expires (ms since the epoch), or null when it has none. */
export function firstLinkExpiry(messages: readonly ChatMessageWire[]): number | null {
  const expiries = messages.flatMap((message) => (message.attachment ? [Date.parse(message.attachment.url_expires_at)] : []));
  return expiries.length ? Math.min(...expiries) : null;
}

/** One entry of a conversation as a page shows it: a message, or (staff only) a private note of the team. */
export type TimelineEntry = { kind: "message"; message: ChatMessageWire } | { kind: "note"; note: SessionNoteWire };

const storedOf = (entry: TimelineEntry): Stored => (entry.kind === "message" ? entry.message : entry.note);

/** A conversation's messages and the team's notes (none on the customer's page) in one time order. */
export function timelineEntries(messages: readonly ChatMessageWire[], notes: readonly SessionNoteWire[] = []): TimelineEntry[] {
  const entries: TimelineEntry[] = [...messages.map((message) => ({ kind: "message" as const, message })), ...notes.map((note) => ({ kind: "note" as const, note }))];
  return notes.length === 0 ? entries : entries.sort((a, b) => chronological(storedOf(a), storedOf(b)));
}

/** Drops the outgoing messages (or notes) the server has now stored (their echo carries the same client_message_id). */
export function settleOutbox(outbox: OutgoingMessage[], stored: readonly { client_message_id: string | null }[]): OutgoingMessage[] {
  const settled = new Set(stored.map((message) => message.client_message_id).filter((id): id is string => id !== null));
  return outbox.some((entry) => settled.has(entry.client_message_id)) ? outbox.filter((entry) => !settled.has(entry.client_message_id)) : outbox;
}

export function markOutgoing(outbox: OutgoingMessage[], clientMessageId: string, state: OutgoingMessage["state"], error: string | null = null): OutgoingMessage[] {
  return outbox.map((entry) => (entry.client_message_id === clientMessageId ? { ...entry, state, error } : entry));
}
