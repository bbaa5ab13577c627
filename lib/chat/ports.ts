import type { SessionNoteWire } from "../contract/staff";
import type { TagsUpdated } from "../contract/tags";
import type { SavedRepliesUpdated } from "../contract/saved-replies";
import type { AgentStatusChange } from "./agent-actions.server";
import type { SessionChange } from "./session-store.server";

/**
 * What live chat needs from the outside to keep every screen current: committed changes and
 * passing signals delivered to the business's staff and the chat's customer. lib/realtime
 * implements it over Socket.IO rooms (a server's, or a worker's that only publishes).
 */
export interface ChangePublisher {
  sessionChanged(change: SessionChange): void;
  agentStatusChanged(change: AgentStatusChange): void;
  /** A private note, to the business's staff only: it must never reach the chat's customer. */
  noteAdded(businessId: string, note: SessionNoteWire): void;
  /** The business's tag list, to its staff only. */
  tagsChanged(update: TagsUpdated): void;
  /** The business's saved replies, to its staff only. */
  savedRepliesChanged(update: SavedRepliesUpdated): void;
  /** To the business's staff: the customer is (not) writing. */
  customerTyping(businessId: string, sessionId: string, typing: boolean): void;
  /** To the customer: the agent (or the assistant, working on an answer) is (not) writing. */
  typingToCustomer(sessionId: string, author: "AGENT" | "ASSISTANT", typing: boolean): void;
  /** A piece of the assistant's answer while it streams (the whole message follows as chat.message). */
  messageDelta(sessionId: string, messageId: string, delta: string): void;
  /** Resolves when every coalesced recompute that is due has been pushed. */
  idle(): Promise<void>;
  close(): void;
}

/** Whether anyone is still connected, on any node: presence asks before it declares someone gone. */
export interface ConnectionPresence {
  userHasSockets(userId: string): Promise<boolean>;
  sessionHasSockets(sessionId: string): Promise<boolean>;
}

/** The sockets this node itself holds (not other nodes'): what its presence rows record (decision 012). */
export interface NodeConnections {
  hasStaff(userId: string): boolean;
  hasCustomer(sessionId: string): boolean;
  staffUserIds(): string[];
  customerSessionIds(): string[];
}

/** A customer's live connection to one chat, as its handlers see it (lib/realtime implements it). */
export interface CustomerConnection {
  readonly sessionId: string;
  readonly businessId: string;
  /** The chat's message allowance key (shared with the HTTP API). */
  readonly messageLimitKey: string;
}
