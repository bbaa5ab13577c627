import type { Prisma } from "../db/generated/client";
import { isHeldOffline, type AgentWire, type SessionNoteWire, type StaffSession } from "../contract/staff";
import type { ChatMessageWire, CustomerOfflineWire } from "../contract/customer-chat";
import { attachmentSelect, toAttachmentWire } from "./attachment-wire.server";
import { toSessionTags } from "../contract/tags";

export const tagSelect = { id: true, name: true, color: true } satisfies Prisma.TagSelect;

/** The columns every staff view of a session needs (one query with its customer and agent). */
export const staffSessionSelect = {
  id: true,
  status: true,
  priority: true,
  createdAt: true,
  queuedAt: true,
  assignedAt: true,
  firstResponseAt: true,
  closedAt: true,
  lastMessageAt: true,
  handoffReason: true,
  handoffSummary: true,
  offlineAt: true,
  customer: { select: { id: true, name: true, email: true } },
  assignedAgent: { select: { id: true, displayName: true } },
  tags: { select: { tag: { select: tagSelect } } },
} satisfies Prisma.ChatSessionSelect;

type StaffSessionRow = Prisma.ChatSessionGetPayload<{ select: typeof staffSessionSelect }>;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toStaffSession(row: StaffSessionRow): StaffSession {
  return {
    id: row.id,
    status: row.status,
    priority: row.priority,
    customer: row.customer,
    agent: row.assignedAgent ? { id: row.assignedAgent.id, display_name: row.assignedAgent.displayName } : null,
    created_at: row.createdAt.toISOString(),
    queued_at: iso(row.queuedAt),
    assigned_at: iso(row.assignedAt),
    first_response_at: iso(row.firstResponseAt),
    closed_at: iso(row.closedAt),
    last_message_at: row.lastMessageAt.toISOString(),
    handoff_reason: row.handoffReason,
    handoff_summary: row.handoffSummary,
    tags: toSessionTags(row.tags),
    offline_at: iso(row.offlineAt),
  };
}

/** An offline message as its customer sees it (null once it is in the queue, or never was one). */
export function customerOffline(session: Pick<StaffSession, "status" | "offline_at" | "queued_at"> & { customer: { email: string | null } }): CustomerOfflineWire | null {
  return isHeldOffline(session) ? { email_known: session.customer.email !== null } : null;
}

export const messageSelect = {
  id: true,
  sessionId: true,
  author: true,
  body: true,
  clientMessageId: true,
  createdAt: true,
  agent: { select: { id: true, displayName: true } },
  attachment: { select: attachmentSelect },
} satisfies Prisma.ChatMessageSelect;

type MessageRow = Prisma.ChatMessageGetPayload<{ select: typeof messageSelect }>;

export function toMessageWire(row: MessageRow): ChatMessageWire {
  return {
    id: row.id,
    session_id: row.sessionId,
    author: row.author,
    agent: row.agent ? { id: row.agent.id, display_name: row.agent.displayName } : null,
    body: row.body,
    client_message_id: row.clientMessageId,
    created_at: row.createdAt.toISOString(),
    attachment: row.attachment ? toAttachmentWire(row.attachment) : null,
  };
}

export const noteSelect = {
  id: true,
  sessionId: true,
  body: true,
  clientMessageId: true,
  createdAt: true,
  author: { select: { id: true, name: true } },
} satisfies Prisma.SessionNoteSelect;

type NoteRow = Prisma.SessionNoteGetPayload<{ select: typeof noteSelect }>;

export function toNoteWire(row: NoteRow): SessionNoteWire {
  return {
    id: row.id,
    session_id: row.sessionId,
    author: row.author ? { user_id: row.author.id, name: row.author.name } : null,
    body: row.body,
    client_message_id: row.clientMessageId,
    created_at: row.createdAt.toISOString(),
  };
}

export const agentSelect = { id: true, displayName: true, status: true, capacity: true, lastSeenAt: true } satisfies Prisma.AgentSelect;
type AgentRow = Prisma.AgentGetPayload<{ select: typeof agentSelect }>;

export function toAgentWire(row: AgentRow): AgentWire {
  return { id: row.id, display_name: row.displayName, status: row.status, capacity: row.capacity, last_seen_at: iso(row.lastSeenAt) };
}

/** A conversation's latest messages (newest HISTORY_LIMIT), to be shown oldest first: see `inReadingOrder`. */
export const HISTORY_LIMIT = 500;
export const latestMessages = { select: messageSelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: HISTORY_LIMIT } satisfies Prisma.ChatSession$messagesArgs;
/** A conversation's latest private notes (newest HISTORY_LIMIT), like `latestMessages`. */
export const latestNotes = { select: noteSelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: HISTORY_LIMIT } satisfies Prisma.ChatSession$notesArgs;
/** Rows read newest first (`latestMessages`, `latestNotes`) as wire values, oldest first. */
export const inReadingOrder = <Row, Wire>(rows: Row[], toWire: (row: Row) => Wire): Wire[] => rows.map(toWire).reverse();
