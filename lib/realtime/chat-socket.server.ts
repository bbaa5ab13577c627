import type { Namespace } from "socket.io";
import type { ChatClientToServerEvents, ChatServerToClientEvents } from "../contract/customer-chat";

export type ChatNamespace = Namespace<ChatClientToServerEvents, ChatServerToClientEvents, Record<string, never>, ChatSocketData>;

export interface ChatSocketData {
  sessionId: string;
  businessId: string;
  /** The message rate limit's key (shared with the HTTP API). */
  messageLimitKey: string;
}
