import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ConversationDetail } from "../contract/conversations";
import { formatInZone, transcriptJson, transcriptText } from "./transcript";

const detail: ConversationDetail = {
  conversation: {
    id: "7f1c7d0e-0000-4000-8000-000000000001",
    status: "CLOSED",
    customer: { id: "c1", name: "Dana Fox", email: "dana@example.test" },
    agent: { id: "a1", display_name: "Maya" },
    created_at: "2026-11-30T13:00:00.000Z",
    queued_at: "2026-11-30T13:01:00.000Z",
    assigned_at: "2026-11-30T13:02:00.000Z",
    first_response_at: "2026-11-30T13:03:00.000Z",
    closed_at: "2026-11-30T13:10:00.000Z",
    last_message_at: "2026-11-30T13:09:00.000Z",
    outcome: "handed_off",
    handoff_reason: "Refund not received",
    handoff_summary: "Wants a refund for order 4521",
    rating: { score: 4, comment: "Quick" },
    tags: [{ id: "t1", name: "refund", color: "amber" }],
    message_count: 2,
    preview: "Where is my refund?",
  },
  messages: [
    { id: "m1", session_id: "s", author: "CUSTOMER", agent: null, body: "Where is my refund?\nOrder 4521", client_message_id: null, created_at: "2026-11-30T13:00:30.000Z", attachment: null },
    {
      id: "m2",
      session_id: "s",
      author: "AGENT",
      agent: { id: "a1", display_name: "Maya" },
      body: "On its way.",
      client_message_id: null,
      created_at: "2026-11-30T13:03:00.000Z",
      attachment: { id: "f1", file_name: "label.pdf", content_type: "application/pdf", byte_size: 10, url: "/x", url_expires_at: "2026-12-01T00:00:00.000Z" },
    },
  ],
  notes: [{ id: "n1", session_id: "s", author: { user_id: "u1", name: "Sam" }, body: "Approved, VIP", client_message_id: "x", created_at: "2026-11-30T13:02:30.000Z" }],
  timeline: [],
};
const source = { business: { name: "Acme Support", time_zone: "Europe/Berlin" }, detail };

describe("transcripts", () => {
  it("the customer's copy has the conversation and nothing internal, in text and JSON", () => {
    for (const body of [transcriptText(source, "customer"), transcriptJson(source, "customer")]) {
      assert.ok(body.includes("On its way."));
      for (const internal of ["Approved, VIP", "Sam", "Refund not received", "Wants a refund", 'refund"', "Tags"]) assert.ok(!body.includes(internal), `no ${internal}`);
    }
  });

  it("the staff copy labels each private note, in time order, with times in the business's zone", () => {
    const text = transcriptText(source, "staff");
    assert.deepEqual(text.split("\n").slice(8, 12), [
      "[2026-11-30 14:00:30] Dana Fox: Where is my refund?",
      "    Order 4521",
      "[2026-11-30 14:02:30] PRIVATE NOTE by Sam (staff only): Approved, VIP",
      "[2026-11-30 14:03:00] Maya: On its way. [file: label.pdf]",
    ]);
    assert.match(text, /^STAFF COPY/m);
    assert.deepEqual(JSON.parse(transcriptJson(source, "staff")).notes, detail.notes);
  });

  it("formats instants in a time zone", () => {
    assert.equal(formatInZone("2026-07-01T00:30:00.000Z", "America/New_York"), "2026-06-30 20:30:00");
  });
});
