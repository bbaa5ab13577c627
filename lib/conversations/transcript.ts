/**
 * A conversation's transcript as a file: plain text or JSON. The customer's copy (the default) is
 * the conversation as the customer saw it: their messages and the answers, nothing internal (no
 * private notes, tags, handoff reasons or timeline). The staff copy adds those, every private note
 * labelled as one. Universal: pure formatting of what the server loaded.
 */
import type { ChatMessageWire } from "../contract/customer-chat";
import type { ConversationDetail, TranscriptAudience } from "../contract/conversations";

export interface TranscriptSource {
  business: { name: string; time_zone: string };
  detail: ConversationDetail;
}

/** `2026-11-30 14:02:11` in the business's time zone. */
export function formatInZone(instant: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** Who wrote a message, as a transcript names them. */
export function authorLabel(message: Pick<ChatMessageWire, "author" | "agent">, customerName: string | null): string {
  if (message.author === "CUSTOMER") return customerName ?? "Customer";
  if (message.author === "ASSISTANT") return "Assistant";
  if (message.author === "AGENT") return message.agent?.display_name ?? "Agent";
  return "Switchboard";
}

/** The customer's copy as data: only what they saw. */
function customerTranscript({ business, detail }: TranscriptSource) {
  const { conversation } = detail;
  return {
    audience: "customer" as const,
    business: business.name,
    conversation: { id: conversation.id, customer: conversation.customer.name, started_at: conversation.created_at, ended_at: conversation.closed_at },
    messages: detail.messages.map((message) => ({
      author: message.author,
      name: authorLabel(message, conversation.customer.name),
      body: message.body,
      file: message.attachment?.file_name ?? null,
      created_at: message.created_at,
    })),
  };
}

/** The staff copy as data: the whole record, notes and timeline included. */
function staffTranscript({ business, detail }: TranscriptSource) {
  return { audience: "staff" as const, business: business.name, time_zone: business.time_zone, ...detail };
}

export function transcriptJson(source: TranscriptSource, audience: TranscriptAudience): string {
  return `${JSON.stringify(audience === "staff" ? staffTranscript(source) : customerTranscript(source), null, 2)}\n`;
}

/** Continuation lines of a multi-line body line up under its first. */
const indentBody = (body: string) => body.replace(/\r\n?|\n/g, "\n    ");

/** A message's text with the file it carried named (the file itself is not in a transcript). */
const messageText = (message: ChatMessageWire) => [message.body, message.attachment ? `[file: ${message.attachment.file_name}]` : ""].filter(Boolean).join(" ");

export function transcriptText(source: TranscriptSource, audience: TranscriptAudience): string {
  const { business, detail } = source;
  const { conversation } = detail;
  const at = (instant: string) => formatInZone(instant, business.time_zone);
  const customer = conversation.customer.name ?? "Customer";
  const lines = [
    `${business.name} — conversation with ${customer}`,
    `Conversation ${conversation.id}`,
    `Started ${at(conversation.created_at)}${conversation.closed_at ? `, ended ${at(conversation.closed_at)}` : ""} (times in ${business.time_zone})`,
  ];
  if (audience === "staff") {
    lines.push("STAFF COPY: includes the team's private notes, which the customer never saw.");
    if (conversation.handoff_reason) lines.push(`Handoff reason: ${conversation.handoff_reason}`);
    if (conversation.tags.length) lines.push(`Tags: ${conversation.tags.map((tag) => tag.name).join(", ")}`);
    if (conversation.rating) lines.push(`Rating: ${conversation.rating.score}/5${conversation.rating.comment ? ` “${conversation.rating.comment}”` : ""}`);
  }
  lines.push("");
  const entries = [
    ...detail.messages.map((message) => ({
      at: message.created_at,
      id: message.id,
      line: `[${at(message.created_at)}] ${authorLabel(message, conversation.customer.name)}: ${indentBody(messageText(message))}`,
    })),
    ...(audience === "staff"
      ? detail.notes.map((note) => ({
          at: note.created_at,
          id: note.id,
          line: `[${at(note.created_at)}] PRIVATE NOTE by ${note.author?.name ?? "a former member"} (staff only): ${indentBody(note.body)}`,
        }))
      : []),
  ].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  lines.push(...entries.map((entry) => entry.line));
  return `${lines.join("\n")}\n`;
}
