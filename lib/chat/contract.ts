/**
 * The live-chat contract (DESIGN.md §5 and §6): customer HTTP bodies, the socket payloads of the
 * /chat namespace and of the staff actions, and the wire shapes of sessions and messages.
 * Universal: shared by the server, the browser pages and the tests.
 */
import { z } from "zod";
import { AgentStatus, MessageAuthor, SessionStatus } from "../db/generated/enums";
import type { QueuedSession } from "../dashboard/widgets";
import type { ErrorBody } from "../errors/app-error";
import type { AckCallback } from "../realtime/events";

export const MESSAGE_MAX_LENGTH = 4000;
export const COMMENT_MAX_LENGTH = 2000;
/** HTTP bodies above this are refused with 413 before parsing. */
export const BODY_MAX_BYTES = 16 * 1024;

const id = (what: string) => z.uuid({ message: `${what} must be an id` });
const messageBody = z
  .string()
  .trim()
  .min(1, "message must not be empty")
  .max(MESSAGE_MAX_LENGTH, `message must be at most ${MESSAGE_MAX_LENGTH} characters`);
const clientMessageId = z.string().trim().min(1).max(100).regex(/^[\w:.-]+$/, "client_message_id may use letters, digits and _ : . -");
const requestId = z.string().trim().min(1).max(100);

export const chatInitBody = z
  .object({
    business: z.string().trim().min(1).max(64),
    customer: z
      .object({
        name: z.string().trim().min(1).max(100).optional(),
        email: z.email().max(200).optional(),
        external_id: z.string().trim().min(1).max(200).optional(),
      })
      .strict()
      .optional(),
    message: messageBody.optional(),
  })
  .strict();
export type ChatInitBody = z.infer<typeof chatInitBody>;

export const chatTaskBody = z.object({ message: messageBody, client_message_id: clientMessageId }).strict();
export const chatRatingBody = z
  .object({
    score: z.number().int().min(1, "score must be 1 to 5").max(5, "score must be 1 to 5"),
    comment: z.string().trim().max(COMMENT_MAX_LENGTH).optional(),
  })
  .strict();

/** /chat namespace, customer → server. */
export const chatPayloads = {
  "chat.send": z.object({ client_message_id: clientMessageId, body: messageBody }).strict(),
  "chat.typing": z.object({ typing: z.boolean() }).strict(),
} as const;

/** /dashboard namespace, staff actions (optimistic: ack on acceptance, then dashboard.update_confirmed). */
export const agentActionPayloads = {
  "workspace.open": z.object({ company_id: id("company_id").optional() }).strict(),
  "session.history": z.object({ session_id: id("session_id") }).strict(),
  "session.typing": z.object({ session_id: id("session_id"), typing: z.boolean() }).strict(),
  "agent.set_status": z.object({ status: z.enum(AgentStatus), request_id: requestId }).strict(),
  "queue.claim": z.object({ session_id: id("session_id"), request_id: requestId }).strict(),
  "session.send": z.object({ session_id: id("session_id"), body: messageBody, client_message_id: clientMessageId }).strict(),
  "session.transfer": z.object({ session_id: id("session_id"), agent_id: id("agent_id"), request_id: requestId }).strict(),
  "session.close": z.object({ session_id: id("session_id"), request_id: requestId }).strict(),
} as const;
export type AgentActionName = keyof typeof agentActionPayloads;
export type AgentActionPayload<E extends AgentActionName> = z.infer<(typeof agentActionPayloads)[E]>;

export type SessionStatusName = `${SessionStatus}`;
export type AgentStatusName = `${AgentStatus}`;
export type MessageAuthorName = `${MessageAuthor}`;

export interface ChatMessageWire {
  id: string;
  session_id: string;
  author: MessageAuthorName;
  /** The agent who wrote it (AGENT messages), else null. */
  agent: { id: string; display_name: string } | null;
  body: string;
  client_message_id: string | null;
  created_at: string;
}

/** Where a waiting customer stands: 1 = next to be taken. */
export interface QueuePosition {
  position: number;
  total: number;
  estimated_wait_seconds: number;
}

/** What the customer sees of their session (GET /api/v1/chat/{id}, chat.status). */
export interface CustomerSessionStatus {
  session_id: string;
  status: SessionStatusName;
  agent: { display_name: string } | null;
  queue: QueuePosition | null;
}

export interface CustomerSessionView extends CustomerSessionStatus {
  business: { slug: string; name: string };
  messages: ChatMessageWire[];
  rating: { score: number; comment: string | null } | null;
  created_at: string;
  closed_at: string | null;
}

export interface ChatInitResponse {
  session_id: string;
  session_token: string;
  status: SessionStatusName;
}

export interface ChatTaskResponse {
  task_id: string;
  message_id: string;
}

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
}

export interface AgentWire {
  id: string;
  display_name: string;
  status: AgentStatusName;
  capacity: number;
  last_seen_at: string | null;
}

export const SESSION_CHANGE_REASONS = ["created", "queued", "handoff", "message", "claimed", "assigned", "transferred", "closed", "abandoned", "rated"] as const;
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
}

export interface WorkspaceSnapshot {
  company: { id: string; slug: string; name: string; routing: RoutingMode };
  /** The caller's agent in this business, or null for staff who do not take chats. */
  me: AgentWire | null;
  agents: (AgentWire & { active_sessions: number })[];
  /** The first 100 waiting sessions in the order agents take them (as the waiting_queue widget). */
  queue: QueuedSession[];
  my_sessions: StaffSession[];
}

export type RoutingMode = "manual" | "auto";

/** /chat namespace, server → customer. */
export interface ChatServerToClientEvents {
  "chat.message": (payload: { message: ChatMessageWire }) => void;
  "chat.message_delta": (payload: { message_id: string; delta: string }) => void;
  "chat.status": (payload: CustomerSessionStatus) => void;
  /** Someone on the business's side is writing: the agent, or the assistant working on an answer. */
  "chat.typing": (payload: { author: "AGENT" | "ASSISTANT"; typing: boolean }) => void;
}

export interface ChatClientToServerEvents {
  "chat.send": (payload: z.infer<(typeof chatPayloads)["chat.send"]>, ack: AckCallback<{ message: ChatMessageWire }>) => void;
  "chat.typing": (payload: z.infer<(typeof chatPayloads)["chat.typing"]>, ack: AckCallback<object>) => void;
}

export interface ChatSocketData {
  sessionId: string;
  businessId: string;
  /** The message rate limit's key (shared with the HTTP API). */
  messageLimitKey: string;
}

export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
/** Every socket of one staff user, across nodes (presence). */
export const userRoom = (userId: string) => `user:${userId}`;
