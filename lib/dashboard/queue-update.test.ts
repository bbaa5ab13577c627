import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { QueueUpdated } from "../contract/staff";
import type { QueuedSession } from "../contract/widgets";
import type { WidgetEntry } from "./dashboard-state";
import { applyQueueUpdate } from "./queue-update";

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const at = (minute: number) => `2026-03-10T15:${String(minute).padStart(2, "0")}:00.000Z`;

function queued(n: number, minute: number, priority = 0): QueuedSession {
  return {
    id: id(n),
    customer: { id: id(100 + n), name: `Customer ${n}` },
    priority,
    queued_at: at(minute),
    wait_seconds: (30 - minute) * 60,
    preview: null,
    handoff_reason: null,
    tags: [],
    offline_at: null,
    held_offline: false,
  };
}

function entry(sessions: QueuedSession[], total = sessions.length, version = 10, offline: QueuedSession[] = []): WidgetEntry<"waiting_queue"> {
  const oldest = sessions.reduce<QueuedSession | null>((o, s) => (o === null || s.queued_at < o.queued_at ? s : o), null);
  return {
    data: { sessions, total, longest_wait_seconds: oldest?.wait_seconds ?? null, oldest_queued_at: oldest?.queued_at ?? null, offline, offline_total: offline.length },
    version,
    updated_at: "2026-03-10T15:30:00.000Z",
  };
}

const joined = (session: QueuedSession, version = 11): QueueUpdated => ({ company_id: id(999), version, reason: "created", session_id: session.id, entry: session });
const left = (session: QueuedSession, version = 11): QueueUpdated => ({ company_id: id(999), version, reason: "claimed", session_id: session.id, entry: null });
const NOW = "2026-03-10T15:30:01.000Z";
const ids = (e: WidgetEntry<"waiting_queue">) => e.data.sessions.map((s) => s.id);

describe("applyQueueUpdate", () => {
  it("inserts a new chat in the widget's order and counts it, at the push's version", () => {
    const current = entry([queued(1, 5, 1), queued(2, 10), queued(3, 20)]);
    const next = applyQueueUpdate(current, joined(queued(4, 15)), NOW);
    assert.deepEqual(ids(next), [id(1), id(2), id(4), id(3)]);
    assert.equal(next.data.total, 4);
    assert.equal(next.version, 11);
    assert.equal(next.updated_at, NOW);
    assert.equal(next.data.oldest_queued_at, at(5));
    assert.deepEqual(ids(applyQueueUpdate(current, joined(queued(5, 29, 2)), NOW))[0], id(5));
  });

  it("gives an empty queue its first chat's wait", () => {
    const next = applyQueueUpdate(entry([]), joined(queued(1, 29)), NOW);
    assert.equal(next.data.total, 1);
    assert.equal(next.data.longest_wait_seconds, 60);
    assert.equal(next.data.oldest_queued_at, at(29));
  });

  it("keeps a first page at its length: a chat that sorts after it is only counted", () => {
    const page = entry([queued(1, 5), queued(2, 10)], 7);
    const beyond = applyQueueUpdate(page, joined(queued(3, 20)), NOW);
    assert.deepEqual(ids(beyond), [id(1), id(2)]);
    assert.equal(beyond.data.total, 8);
    const within = applyQueueUpdate(page, joined(queued(4, 20, 1)), NOW);
    assert.deepEqual(ids(within), [id(4), id(1)]);
    assert.equal(within.data.total, 8);
  });

  it("removes a chat that left the queue, and the longest wait with it when it was the oldest", () => {
    const current = entry([queued(1, 5), queued(2, 10), queued(3, 20)]);
    const next = applyQueueUpdate(current, left(queued(1, 5)), NOW);
    assert.deepEqual(ids(next), [id(2), id(3)]);
    assert.equal(next.data.total, 2);
    assert.equal(next.data.oldest_queued_at, at(10));
    assert.equal(next.data.longest_wait_seconds, 20 * 60);
    const empty = applyQueueUpdate(entry([queued(1, 5)]), left(queued(1, 5)), NOW);
    assert.equal(empty.data.total, 0);
    assert.equal(empty.data.longest_wait_seconds, null);
    assert.equal(empty.data.oldest_queued_at, null);
  });

  it("counts a chat leaving from beyond the first page", () => {
    const next = applyQueueUpdate(entry([queued(1, 5)], 3), left(queued(9, 25)), NOW);
    assert.deepEqual(ids(next), [id(1)]);
    assert.equal(next.data.total, 2);
  });

  it("ignores a push the entry already includes or is newer than, and a chat listed twice", () => {
    const current = entry([queued(1, 5)], 1, 10);
    assert.equal(applyQueueUpdate(current, joined(queued(2, 6), 10), NOW), current);
    assert.equal(applyQueueUpdate(current, left(queued(1, 5), 9), NOW), current);
    const again = applyQueueUpdate(current, joined(queued(1, 5), 12), NOW);
    assert.deepEqual(ids(again), [id(1)]);
    assert.equal(again.data.total, 1);
    assert.equal(again.version, 12);
  });

  it("moves an offline message that joins the queue (the desk opened) out of the offline list", () => {
    const held = { ...queued(5, 2), offline_at: at(2), held_offline: true };
    const current = entry([queued(1, 5)], 1, 10, [held]);
    const next = applyQueueUpdate(current, joined({ ...held, queued_at: at(25), held_offline: false }), NOW);
    assert.deepEqual(ids(next), [id(1), id(5)]);
    assert.deepEqual(next.data.offline, []);
    assert.equal(next.data.offline_total, 0);
    assert.equal(next.data.sessions[1].offline_at, at(2), "still shown as having come in offline");
  });
});
