/**
 * A customer's open conversation as the chat page shows it, and every change to it, as one pure
 * reducer: the stored messages (read over HTTP, pushed over the socket), the assistant's answers
 * streaming in, the customer's messages until stored or failed, the status and the rating. The
 * wiring is in use-customer-chat.client.ts. Universal.
 */
import type { ChatMessageWire, CustomerOfflineWire, CustomerSessionStatus, CustomerSessionView, QueuePosition } from "../contract/customer-chat";
import { isEnded, type EndedStatusName, type SessionStatusName } from "../contract/staff";
import { appendDelta, attachmentLinkRenewed, markOutgoing, mergeMessages, settleOutbox, type OutgoingMessage, type StreamingMessage } from "./timeline";

export interface CustomerChatState {
  /** False until the messages have been loaded once. */
  loaded: boolean;
  status: SessionStatusName | null;
  agentName: string | null;
  queue: QueuePosition | null;
  /** The chat is an offline message waiting for the desk to open (and whether the business has an email to answer at). */
  offline: CustomerOfflineWire | null;
  messages: ChatMessageWire[];
  outbox: OutgoingMessage[];
  /** The assistant's answers still streaming in; each is replaced by its stored message. */
  streaming: StreamingMessage[];
  rating: { score: number; comment: string | null } | null;
  /** The last thing that went wrong, shown until the next success. */
  error: string | null;
}

type StatusUpdate = Pick<CustomerSessionStatus, "status" | "agent" | "queue" | "offline">;

export type CustomerChatAction =
  | { type: "view"; view: CustomerSessionView }
  | { type: "status"; status: StatusUpdate }
  | { type: "message"; message: ChatMessageWire }
  | { type: "delta"; messageId: string; delta: string; at: Date }
  | { type: "sending"; outgoing: OutgoingMessage }
  | { type: "resending"; clientMessageId: string }
  | { type: "send_failed"; clientMessageId: string; error: string }
  | { type: "rated"; rating: { score: number; comment: string | null } }
  /** The customer left their email for an offline message. */
  | { type: "email_given" }
  | { type: "error"; error: string | null };

export const initialCustomerChatState: CustomerChatState = {
  loaded: false,
  status: null,
  agentName: null,
  queue: null,
  offline: null,
  messages: [],
  outbox: [],
  streaming: [],
  rating: null,
  error: null,
};

const statusFields = (status: StatusUpdate) => ({
  status: status.status,
  agentName: status.agent?.display_name ?? null,
  queue: status.queue,
  offline: status.offline,
});

// A chat only moves forward (assistant → queue → person → ended). A queue-position push computed
// just before a claim can arrive after it: a step back is such a stale push, not news.
const OPEN_ORDER: Record<Exclude<SessionStatusName, EndedStatusName>, number> = { BOT: 0, WAITING: 1, ACTIVE: 2 };
const rank = (status: SessionStatusName) => (isEnded(status) ? Infinity : OPEN_ORDER[status]);
const isStepBack = (current: SessionStatusName | null, next: SessionStatusName) => current !== null && rank(next) < rank(current);

export function customerChatReducer(state: CustomerChatState, action: CustomerChatAction): CustomerChatState {
  switch (action.type) {
    case "view":
      return {
        ...state,
        // chat.status arrives with every connect and is at least as fresh as this read.
        ...(state.status === null ? statusFields(action.view) : {}),
        loaded: true,
        messages: mergeMessages(state.messages, action.view.messages, attachmentLinkRenewed),
        outbox: settleOutbox(state.outbox, action.view.messages),
        rating: action.view.rating,
        error: null,
      };
    case "status":
      if (isStepBack(state.status, action.status.status)) return state;
      // An answer cut off by a handoff is not coming: drop what streamed of it.
      return { ...state, ...statusFields(action.status), streaming: action.status.status === "BOT" ? state.streaming : [] };
    case "message":
      return {
        ...state,
        messages: mergeMessages(state.messages, [action.message]),
        outbox: settleOutbox(state.outbox, [action.message]),
        streaming: state.streaming.filter((draft) => draft.id !== action.message.id),
      };
    case "delta":
      // A late piece of an answer already stored changes nothing.
      if (state.messages.some((message) => message.id === action.messageId)) return state;
      return { ...state, streaming: appendDelta(state.streaming, action.messageId, action.delta, action.at) };
    case "sending":
      return { ...state, outbox: [...state.outbox, action.outgoing] };
    case "resending":
      return { ...state, outbox: markOutgoing(state.outbox, action.clientMessageId, "sending") };
    case "send_failed":
      return { ...state, outbox: markOutgoing(state.outbox, action.clientMessageId, "failed", action.error) };
    case "rated":
      return { ...state, rating: action.rating, error: null };
    case "email_given":
      return state.offline ? { ...state, offline: { ...state.offline, email_known: true }, error: null } : state;
    case "error":
      return { ...state, error: action.error };
  }
}
