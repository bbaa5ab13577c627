"use client";

import { useEffect, useMemo, useRef } from "react";
import type { ChatMessageWire } from "@/lib/contract/customer-chat";
import type { SessionNoteWire } from "@/lib/contract/staff";
import { timelineEntries, type OutgoingMessage, type StreamingMessage } from "@/lib/chat/timeline";
import { MessageBubble, type MessageSide } from "./message-bubble";

/** Whose page shows the conversation: decides which side a message is on and how authors are named. */
export type ConversationViewer = { kind: "customer" } | { kind: "agent"; agentId: string | null; userId: string; customerName: string };

function describe(message: ChatMessageWire, viewer: ConversationViewer): { author: string; side: MessageSide } {
  switch (message.author) {
    case "SYSTEM":
      return { author: "System", side: "system" };
    case "CUSTOMER":
      return viewer.kind === "customer" ? { author: "You", side: "outgoing" } : { author: viewer.customerName, side: "incoming" };
    case "ASSISTANT":
      // The assistant speaks for the business: the staff's side.
      return { author: "Assistant", side: viewer.kind === "customer" ? "incoming" : "outgoing" };
    case "AGENT": {
      const name = message.agent?.display_name ?? "Agent";
      if (viewer.kind === "customer") return { author: name, side: "incoming" };
      return { author: message.agent?.id === viewer.agentId ? "You" : name, side: "outgoing" };
    }
  }
}

function noteAuthor(note: SessionNoteWire, viewer: ConversationViewer): string {
  if (!note.author) return "Former team member";
  return viewer.kind === "agent" && note.author.user_id === viewer.userId ? "You" : note.author.name;
}

/** How close to the bottom (px) still counts as "reading the latest": new messages then scroll into view. */
const PINNED_THRESHOLD_PX = 80;

interface MessageListProps {
  label: string;
  messages: ChatMessageWire[];
  /** The team's private notes (staff view only). */
  notes?: SessionNoteWire[];
  outbox: OutgoingMessage[];
  viewer: ConversationViewer;
  onRetry: (message: OutgoingMessage) => void;
  emptyText: string;
  /** The assistant's answers still streaming in (customer view). */
  streaming?: StreamingMessage[];
}

/** The conversation as an accessible live log: stored messages (and notes), the assistant's answer as it streams, then this page's unsent ones. */
export function MessageList({ label, messages, notes, outbox, viewer, onRetry, emptyText, streaming = [] }: MessageListProps) {
  const logRef = useRef<HTMLDivElement>(null);
  const pinnedToBottom = useRef(true);
  const entries = useMemo(() => timelineEntries(messages, notes), [messages, notes]);
  const count = entries.length + outbox.length + streaming.length;
  const streamedLength = streaming.reduce((sum, draft) => sum + draft.body.length, 0);

  useEffect(() => {
    const log = logRef.current;
    if (log && pinnedToBottom.current) log.scrollTop = log.scrollHeight;
  }, [count, streamedLength]);

  return (
    <div
      ref={logRef}
      role="log"
      aria-live="polite"
      aria-label={label}
      // Focusable so the history can be scrolled with the keyboard.
      tabIndex={0}
      onScroll={(event) => {
        const log = event.currentTarget;
        pinnedToBottom.current = log.scrollHeight - log.scrollTop - log.clientHeight < PINNED_THRESHOLD_PX;
      }}
      className="min-h-0 flex-1 overflow-y-auto px-3 py-4 focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-brand-500/40 sm:px-4"
    >
      {count === 0 ? <p className="py-8 text-center text-sm text-slate-500">{emptyText}</p> : null}
      <ol className="space-y-3">
        {entries.map((entry) =>
          entry.kind === "message" ? (
            <MessageBubble key={entry.message.id} {...describe(entry.message, viewer)} body={entry.message.body} sentAt={entry.message.created_at} attachment={entry.message.attachment} />
          ) : (
            <MessageBubble key={entry.note.id} author={noteAuthor(entry.note, viewer)} side="note" body={entry.note.body} sentAt={entry.note.created_at} />
          ),
        )}
        {streaming.map((draft) => (
          <MessageBubble key={draft.id} author="Assistant" side="incoming" body={draft.body} sentAt={draft.started_at} streaming />
        ))}
        {outbox.map((entry) => (
          <MessageBubble
            key={entry.client_message_id}
            author="You"
            side={entry.privateNote ? "note" : "outgoing"}
            body={entry.body}
            sentAt={entry.created_at}
            delivery={{ state: entry.state, error: entry.error, onRetry: () => onRetry(entry) }}
          />
        ))}
      </ol>
    </div>
  );
}
