/**
 * A `queue.updated` push applied to the dashboard's waiting_queue widget as it arrives, so a chat
 * joins or leaves the Waiting queue panel at once instead of with the widget's recompute (coalesced
 * per business on the server: up to LIVE_COALESCE_MS later). That recompute's push follows with a
 * higher version and replaces the patched list. Universal, unit-tested.
 */
import type { QueueUpdated } from "../contract/staff";
import type { QueuedSession, WaitingQueue } from "../contract/widgets";
import type { WidgetEntry } from "./dashboard-state";

/** The widget's order: highest priority first, then longest waiting, then id (as its SQL). */
function takenBefore(a: QueuedSession, b: QueuedSession): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  if (a.queued_at !== b.queued_at) return Date.parse(a.queued_at) < Date.parse(b.queued_at);
  return a.id < b.id;
}

/** An offline message that joined the queue (the desk opened) leaves the offline list. */
function withoutOffline(queue: WaitingQueue, sessionId: string): Pick<WaitingQueue, "offline" | "offline_total"> {
  const offline = queue.offline.filter((listed) => listed.id !== sessionId);
  return offline.length === queue.offline.length ? { offline, offline_total: queue.offline_total } : { offline, offline_total: Math.max(0, queue.offline_total - 1) };
}

function withEntry(queue: WaitingQueue, entry: QueuedSession): WaitingQueue {
  const { sessions, total } = queue;
  const at = sessions.findIndex((listed) => takenBefore(entry, listed));
  // A partial list is the queue's first page: a chat that sorts after its last row is beyond it.
  const paged = sessions.length < total;
  if (paged && at === -1) return { ...queue, total: total + 1 };
  const listed = at === -1 ? [...sessions, entry] : [...sessions.slice(0, at), entry, ...sessions.slice(at)];
  const oldest = queue.oldest_queued_at === null || Date.parse(entry.queued_at) < Date.parse(queue.oldest_queued_at) ? entry.queued_at : queue.oldest_queued_at;
  return {
    ...withoutOffline(queue, entry.id),
    sessions: paged ? listed.slice(0, sessions.length) : listed,
    total: total + 1,
    longest_wait_seconds: Math.max(queue.longest_wait_seconds ?? 0, entry.wait_seconds),
    oldest_queued_at: oldest,
  };
}

function withoutSession(queue: WaitingQueue, sessionId: string): WaitingQueue {
  const sessions = queue.sessions.filter((listed) => listed.id !== sessionId);
  if (sessions.length === queue.sessions.length) {
    // Not listed: it left from beyond the first page, if the list is one.
    return queue.sessions.length < queue.total ? { ...queue, total: queue.total - 1 } : queue;
  }
  const total = queue.total - 1;
  if (sessions.length < total) return { ...queue, sessions, total };
  // The whole queue is listed, so its longest wait is known from the rows (as of the widget's read).
  const oldest = sessions.reduce<QueuedSession | null>((found, s) => (found === null || Date.parse(s.queued_at) < Date.parse(found.queued_at) ? s : found), null);
  return { ...queue, sessions, total, longest_wait_seconds: oldest?.wait_seconds ?? null, oldest_queued_at: oldest?.queued_at ?? null };
}

/**
 * The widget entry with the push applied: the chat inserted in the widget's order (entering the
 * queue) or removed (leaving it). A push at or below the entry's version is already in it, or
 * older than it: the entry is returned as it is.
 */
export function applyQueueUpdate(current: WidgetEntry<"waiting_queue">, update: QueueUpdated, updatedAt: string): WidgetEntry<"waiting_queue"> {
  if (update.version <= current.version) return current;
  const alreadyListed = update.entry !== null && current.data.sessions.some((listed) => listed.id === update.session_id);
  const data = update.entry === null ? withoutSession(current.data, update.session_id) : alreadyListed ? current.data : withEntry(current.data, update.entry);
  return { data, version: update.version, updated_at: updatedAt };
}
