/**
 * The staff side of live chat on the /dashboard namespace (DESIGN §6): the agent actions' payloads
 * and the pushes and snapshots of the business room. Universal.
 */
import { z } from "zod";
import { AgentStatus, type SessionStatus } from "../db/generated/enums";
import type { ErrorBody } from "../errors/app-error";
import { clientMessageId, conversationText, id, messageBody, requestId, type ChatMessageWire } from "./customer-chat";
import { sessionTagPayload, type TagWire } from "./tags";
import { QUEUE_PREVIEW_LENGTH, type QueuedSession } from "./widgets";

/** A private note's fields (idempotent on client_message_id, like a reply): the HTTP body, and the socket payload with session_id. */
const noteFields = { body: conversationText("note"), client_message_id: clientMessageId };

/** POST /api/v1/admin/sessions/{id}/notes */
export const sessionNoteBody = z.object(noteFields).strict();
export type SessionNoteInput = z.infer<typeof sessionNoteBody>;

/** /dashboard namespace, staff actions (optimistic: ack on acceptance, then dashboard.update_confirmed). */
export const agentActionPayloads = {
  "workspace.open": z.object({ company_id: id("company_id").optional() }).strict(),
  "session.history": z.object({ session_id: id("session_id") }).strict(),
  "session.get": z.object({ session_id: id("session_id") }).strict(),
  "session.typing": z.object({ session_id: id("session_id"), typing: z.boolean() }).strict(),
  "agent.set_status": z.object({ status: z.enum(AgentStatus), request_id: requestId }).strict(),
  "queue.claim": z.object({ session_id: id("session_id"), request_id: requestId }).strict(),
  "session.send": z.object({ session_id: id("session_id"), body: messageBody, client_message_id: clientMessageId }).strict(),
  "session.note": z.object({ session_id: id("session_id"), ...noteFields }).strict(),
  "session.transfer": z.object({ session_id: id("session_id"), agent_id: id("agent_id"), request_id: requestId }).strict(),
  "session.close": z.object({ session_id: id("session_id"), request_id: requestId }).strict(),
  "session.tag": sessionTagPayload,
} as const;
export type AgentActionName = keyof typeof agentActionPayloads;

export type AgentActionPayload<E extends AgentActionName> = z.infer<(typeof agentActionPayloads)[E]>;

export type SessionStatusName = `${SessionStatus}`;

/** The statuses of a chat that is over (closed, or left by the customer while waiting): nothing more happens in it but a rating. */
export const ENDED_STATUSES = ["CLOSED", "ABANDONED"] as const satisfies readonly SessionStatusName[];
export type EndedStatusName = (typeof ENDED_STATUSES)[number];
export const isEnded = (status: SessionStatusName): status is EndedStatusName => (ENDED_STATUSES as readonly SessionStatusName[]).includes(status);

export type AgentStatusName = `${AgentStatus}`;

/** A session as staff see it. */
export interface StaffSession {
  id: string;
  status: SessionStatusName;
  priority: number;
  customer: { id: string; name: string | null; email: string | null };
  agent: { id: string; display_name: string } | null;
  created_at: string;
  queued_at: string | null;
  assigned_at: string | null;
  first_response_at: string | null;
  closed_at: string | null;
  last_message_at: string;
  handoff_reason: string | null;
  handoff_summary: string | null;
  /** The business's tags on it, by name (staff only: the customer never sees them). */
  tags: TagWire[];
  /**
   * When it came in while the desk was closed (docs/decisions/022), else null. Kept once the desk
   * opens and it joins the queue (queued_at set), so staff still see it was an offline message.
   */
  offline_at: string | null;
}

/** An offline message not yet in the queue: waiting, out of the queue, until the desk opens. */
export const isHeldOffline = (session: Pick<StaffSession, "status" | "offline_at" | "queued_at">) => session.status === "WAITING" && session.offline_at !== null && session.queued_at === null;
/** In the queue: waiting, and not held offline (what queue positions, routing and the queue's figures count). */
export const isQueued = (session: Pick<StaffSession, "status" | "offline_at" | "queued_at">) => session.status === "WAITING" && !isHeldOffline(session);

/** When a session joined the queue as its queue entry shows it (an offline message: when it came in). */
export const queuedAtOf = (session: StaffSession) => session.queued_at ?? session.offline_at ?? session.created_at;

/** A customer message as a queue entry previews it: the server's entries and the clients' rows cut it alike. */
export const queuePreview = (body: string) => body.slice(0, QUEUE_PREVIEW_LENGTH);

export interface AgentWire {
  id: string;
  display_name: string;
  status: AgentStatusName;
  capacity: number;
  last_seen_at: string | null;
}

export const SESSION_CHANGE_REASONS = ["created", "queued", "handoff", "message", "claimed", "assigned", "transferred", "closed", "abandoned", "rated", "tagged", "untagged"] as const;

export type SessionChangeReason = (typeof SESSION_CHANGE_REASONS)[number];

/** Staff pushes of the business room (Live updates, DESIGN §6). */
export interface QueueUpdated {
  company_id: string;
  version: number;
  reason: SessionChangeReason;
  session_id: string;
  /** The session's queue entry while it waits; null when it just left the queue. */
  entry: QueuedSession | null;
}

export interface SessionUpdated {
  company_id: string;
  version: number;
  reason: SessionChangeReason;
  session: StaffSession;
  /** The new message when reason is "message" (or a session created with a first message). */
  message: ChatMessageWire | null;
}

/**
 * A private note on a chat: written by a member of the business for its staff, stored apart from
 * the conversation's messages and never sent to the customer.
 */
export interface SessionNoteWire {
  id: string;
  session_id: string;
  /** Who wrote it; null once their account is deleted. */
  author: { user_id: string; name: string } | null;
  body: string;
  client_message_id: string;
  created_at: string;
}

/**
 * A note was added (to the business room only). Notes never change, so this carries no version:
 * a client adds each note once by id, in any arrival order, and reads the ones it missed with
 * session.history (which a reconnect repeats for the open conversation).
 */
export interface SessionNoteAdded {
  company_id: string;
  note: SessionNoteWire;
}

/** One session with its conversation as staff read it (session.history): messages, and the team's notes beside them. */
export interface SessionHistory {
  session: StaffSession;
  messages: ChatMessageWire[];
  notes: SessionNoteWire[];
}

export interface AgentStatusChanged {
  company_id: string;
  version: number;
  agent: AgentWire;
  previous_status: AgentStatusName;
  changed_at: string;
}

export interface SessionTyping {
  company_id: string;
  session_id: string;
  typing: boolean;
}

export interface UpdateConfirmed {
  request_id: string;
  action: AgentActionName;
  success: boolean;
  error?: ErrorBody;
  session?: StaffSession;
  agent?: AgentWire;
  message?: ChatMessageWire;
  note?: SessionNoteWire;
}

export interface WorkspaceSnapshot {
  company: { id: string; slug: string; name: string; routing: RoutingMode };
  /** The caller's agent in this business, or null for staff who do not take chats. */
  me: AgentWire | null;
  agents: (AgentWire & { active_sessions: number })[];
  /** The first 100 waiting sessions in the order agents take them (as the waiting_queue widget). */
  queue: QueuedSession[];
  /** How many wait in all: more than `queue` holds means the list (and a filter over it) is not the whole queue. */
  queue_total: number;
  /** Offline messages waiting for the desk to open (not in the queue), oldest first: the first 100. */
  offline: QueuedSession[];
  my_sessions: StaffSession[];
  /** The business's tag list, by name (to tag a chat and to filter by). */
  tags: TagWire[];
  /** Taken after the reads: a push with a higher version is a change this snapshot does not include; one at or below it may be. */
  version: number;
}

/** One session as the workspace lists it (session.get), for a client that cannot place a push it got. */
export interface SessionSnapshot {
  session: StaffSession;
  /** Its queue entry while it waits. */
  entry: QueuedSession | null;
  /** Exact for this session: every change of it below this version is included, every later one is above it. */
  version: number;
}

export type RoutingMode = "manual" | "auto";
