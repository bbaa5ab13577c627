import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ChatMessageWire } from "../contract/customer-chat";
import type { SessionNoteWire } from "../contract/staff";
import { attachmentLinkRenewed, firstLinkExpiry, markOutgoing, mergeMessages, newClientId, newOutgoingMessage, settleOutbox, timelineEntries } from "./timeline";

const message = (id: string, created_at: string, client_message_id: string | null = null): ChatMessageWire => ({
  id,
  session_id: "s",
  author: "CUSTOMER",
  agent: null,
  body: id,
  client_message_id,
  created_at,
  attachment: null,
});

describe("timeline", () => {
  it("merges each message once, in time order, and keeps the same array when nothing is new", () => {
    const current = [message("b", "2026-01-01T10:00:02.000Z")];
    const merged = mergeMessages(current, [message("a", "2026-01-01T10:00:01.000Z"), message("b", "2026-01-01T10:00:02.000Z")]);
    assert.deepEqual(
      merged.map((m) => m.id),
      ["a", "b"],
    );
    assert.equal(mergeMessages(merged, [message("a", "2026-01-01T10:00:01.000Z")]), merged);
  });

  it("settles outgoing messages by client_message_id and marks failures", () => {
    const outbox = [newOutgoingMessage("hi", "c1", new Date()), newOutgoingMessage("there", "c2", new Date())];
    const failed = markOutgoing(outbox, "c2", "failed", "offline");
    assert.deepEqual(
      failed.map((entry) => [entry.client_message_id, entry.state, entry.error]),
      [
        ["c1", "sending", null],
        ["c2", "failed", "offline"],
      ],
    );
    assert.deepEqual(
      settleOutbox(failed, [message("m1", "2026-01-01T10:00:00.000Z", "c1")]).map((entry) => entry.client_message_id),
      ["c2"],
    );
    assert.equal(settleOutbox(failed, [message("m9", "2026-01-01T10:00:00.000Z")]), failed);
  });

  it("interleaves the team's notes with the messages by time (ties by id), and leaves a customer's messages as they are", () => {
    const note = (id: string, created_at: string): SessionNoteWire => ({ id, session_id: "s", author: null, body: id, client_message_id: `c-${id}`, created_at });
    const messages = [message("a", "2026-01-01T10:00:01.000Z"), message("c", "2026-01-01T10:00:03.000Z")];
    const entries = timelineEntries(messages, [note("b", "2026-01-01T10:00:02.000Z"), note("d", "2026-01-01T10:00:03.000Z")]);
    assert.deepEqual(
      entries.map((entry) => (entry.kind === "message" ? `message ${entry.message.id}` : `note ${entry.note.id}`)),
      ["message a", "note b", "message c", "note d"],
    );
    assert.deepEqual(
      timelineEntries(messages).map((entry) => entry.kind),
      ["message", "message"],
    );
  });

  it("renews a known message only when told (an attachment's fresh link), and finds the first link to expire", () => {
    const attachment = (url: string, expires: string) => ({ id: "f", file_name: "a.png", content_type: "image/png", byte_size: 1, url, url_expires_at: expires });
    const old = { ...message("a", "2026-01-01T10:00:01.000Z"), attachment: attachment("/old", "2026-01-01T10:10:00.000Z") };
    const fresh = { ...old, attachment: attachment("/new", "2026-01-01T10:20:00.000Z") };
    const current = [old, message("b", "2026-01-01T10:00:02.000Z")];
    assert.equal(mergeMessages(current, [fresh]), current, "without renewed(), a known message stays");
    assert.deepEqual(mergeMessages(current, [fresh], attachmentLinkRenewed), [fresh, current[1]]);
    assert.equal(mergeMessages(current, [old, current[1]], attachmentLinkRenewed), current, "the same links: nothing new");
    assert.equal(firstLinkExpiry(current), Date.parse("2026-01-01T10:10:00.000Z"));
    assert.equal(firstLinkExpiry([current[1]]), null);
  });

  it("makes ids the server accepts as client_message_id", () => {
    assert.match(newClientId(), /^[\w:.-]{1,100}$/);
  });
});
