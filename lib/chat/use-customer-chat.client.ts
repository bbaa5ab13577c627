"use client";

import { useCallback, useEffect, useEffectEvent, useMemo, useReducer, useRef, useSyncExternalStore } from "react";
import { io, type Socket } from "socket.io-client";
import { CHAT_NAMESPACE } from "../realtime/events";
import type { ConnectionState } from "../realtime/use-dashboard-socket.client";
import type {
  ChatClientToServerEvents,
  ChatInitBody,
  ChatInitResponse,
  ChatMessageWire,
  ChatServerToClientEvents,
  CustomerSessionStatus,
  CustomerSessionView,
  QueuePosition,
  SessionStatusName,
} from "./contract";
import { appendDelta, markOutgoing, mergeMessages, newClientId, newOutgoingMessage, settleOutbox, type OutgoingMessage, type StreamingMessage } from "./timeline";
import { useExpiringValue } from "./use-expiring-value.client";

type CustomerSocket = Socket<ChatServerToClientEvents, ChatClientToServerEvents>;

const SEND_TIMEOUT_MS = 15_000;
/** The agent's typing indicator goes away after this long without a fresh signal. */
const TYPING_TTL_MS = 6_000;
/** A connection refused for a reason other than a stale token is tried again after this long. */
const RETRY_CONNECT_MS = 5_000;

// ---------------------------------------------------------------------------------------------
// The chat this browser has open with a business, kept across reloads.

/** What re-opens a customer's chat after a reload; stored per business. */
export interface ChatCredential {
  session_id: string;
  session_token: string;
}

const storageKey = (slug: string) => `switchboard:chat:${slug}`;
const storageListeners = new Set<() => void>();
// Some browsers block storage in third-party iframes: then the chat lasts as long as the tab.
const memoryStorage = new Map<string, string>();

function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return memoryStorage.get(key) ?? null;
  }
}

function writeStored(key: string, value: string | null) {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    if (value === null) memoryStorage.delete(key);
    else memoryStorage.set(key, value);
  }
  for (const listener of storageListeners) listener();
}

function subscribeStored(listener: () => void) {
  storageListeners.add(listener);
  // Another tab starting or ending this business's chat.
  window.addEventListener("storage", listener);
  return () => {
    storageListeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

function parseCredential(raw: string | null): ChatCredential | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<ChatCredential>;
    return typeof value.session_id === "string" && typeof value.session_token === "string" ? { session_id: value.session_id, session_token: value.session_token } : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// The customer HTTP API (DESIGN §5).

class ChatApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ChatApiError";
  }
}

async function chatApi<T>(path: string, options: { method?: string; token?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`/api/v1/chat/${path}`, {
    method: options.method ?? "GET",
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    cache: "no-store",
  });
  const payload = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
  if (!response.ok) throw new ChatApiError(response.status, payload?.error?.message ?? `The request failed (${response.status}).`);
  return payload as T;
}

const errorMessage = (error: unknown) => (error instanceof ChatApiError ? error.message : "We could not reach the chat service. Check your connection and try again.");

export interface StartChatInput {
  name: string;
  email: string;
  message: string;
}

/**
 * The chat this browser has open with the business `slug`: `undefined` until the browser storage
 * has been read (server render, hydration), then the stored credential or null.
 */
export function useCustomerChat(slug: string) {
  const key = storageKey(slug);
  const raw = useSyncExternalStore<string | null | undefined>(subscribeStored, () => readStored(key), () => undefined);
  const credential = useMemo(() => (raw === undefined ? undefined : parseCredential(raw)), [raw]);

  const start = useCallback(
    async (input: StartChatInput) => {
      const customer = { name: input.name.trim() || undefined, email: input.email.trim() || undefined };
      const body: ChatInitBody = { business: slug, message: input.message.trim(), ...(customer.name || customer.email ? { customer } : {}) };
      const started = await chatApi<ChatInitResponse>("init", { method: "POST", body });
      writeStored(key, JSON.stringify({ session_id: started.session_id, session_token: started.session_token } satisfies ChatCredential));
    },
    [key, slug],
  );
  const forget = useCallback(() => writeStored(key, null), [key]);

  return { credential, start, forget };
}

// ---------------------------------------------------------------------------------------------
// One open conversation.

export interface CustomerConversation {
  /** False until the messages have been loaded once. */
  loaded: boolean;
  status: SessionStatusName | null;
  agentName: string | null;
  queue: QueuePosition | null;
  messages: ChatMessageWire[];
  outbox: OutgoingMessage[];
  /** The assistant's answers still streaming in; each is replaced by its stored message. */
  streaming: StreamingMessage[];
  rating: { score: number; comment: string | null } | null;
  connection: ConnectionState;
  /** The last thing that went wrong, shown until the next success. */
  error: string | null;
}

type ConversationAction =
  | { type: "view"; view: CustomerSessionView }
  | { type: "status"; status: Pick<CustomerSessionStatus, "status" | "agent" | "queue"> }
  | { type: "message"; message: ChatMessageWire }
  | { type: "delta"; messageId: string; delta: string }
  | { type: "sending"; outgoing: OutgoingMessage }
  | { type: "resending"; clientMessageId: string }
  | { type: "send_failed"; clientMessageId: string; error: string }
  | { type: "rated"; rating: { score: number; comment: string | null } }
  | { type: "connection"; connection: ConnectionState }
  | { type: "error"; error: string | null };

const initialConversation: CustomerConversation = {
  loaded: false,
  status: null,
  agentName: null,
  queue: null,
  messages: [],
  outbox: [],
  streaming: [],
  rating: null,
  connection: "connecting",
  error: null,
};

const statusFields = (status: Pick<CustomerSessionStatus, "status" | "agent" | "queue">) => ({
  status: status.status,
  agentName: status.agent?.display_name ?? null,
  queue: status.queue,
});

// A chat only moves forward (assistant → queue → person → ended). A queue-position push computed
// just before a claim can arrive after it: a step back is such a stale push, not news.
const STATUS_ORDER: Record<SessionStatusName, number> = { BOT: 0, WAITING: 1, ACTIVE: 2, CLOSED: 3, ABANDONED: 3 };
const isStepBack = (current: SessionStatusName | null, next: SessionStatusName) => current !== null && STATUS_ORDER[next] < STATUS_ORDER[current];

function conversationReducer(state: CustomerConversation, action: ConversationAction): CustomerConversation {
  switch (action.type) {
    case "view":
      return {
        ...state,
        // chat.status arrives with every connect and is at least as fresh as this read.
        ...(state.status === null ? statusFields(action.view) : {}),
        loaded: true,
        messages: mergeMessages(state.messages, action.view.messages),
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
      return { ...state, streaming: appendDelta(state.streaming, action.messageId, action.delta, new Date()) };
    case "sending":
      return { ...state, outbox: [...state.outbox, action.outgoing] };
    case "resending":
      return { ...state, outbox: markOutgoing(state.outbox, action.clientMessageId, "sending") };
    case "send_failed":
      return { ...state, outbox: markOutgoing(state.outbox, action.clientMessageId, "failed", action.error) };
    case "rated":
      return { ...state, rating: action.rating, error: null };
    case "connection":
      return { ...state, connection: action.connection };
    case "error":
      return { ...state, error: action.error };
  }
}

/**
 * The live conversation of one stored chat: messages from GET /api/v1/chat/{id} (re-read on every
 * connect, so nothing sent while disconnected is missed), then pushes over the /chat namespace.
 * `onStale` runs when the stored token no longer opens the chat.
 */
export function useCustomerConversation(credential: ChatCredential, onStale: () => void) {
  const [state, dispatch] = useReducer(conversationReducer, initialConversation);
  const [typing, markTyping, clearTyping] = useExpiringValue<"AGENT" | "ASSISTANT">(TYPING_TTL_MS);
  const socketRef = useRef<CustomerSocket | null>(null);
  const staleCredential = useEffectEvent(onStale);
  const stoppedTyping = useEffectEvent(clearTyping);
  const startedTyping = useEffectEvent(markTyping);

  const { session_id: sessionId, session_token: token } = credential;

  useEffect(() => {
    let closed = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const socket: CustomerSocket = io(CHAT_NAMESPACE, { auth: { session_token: token }, transports: ["websocket", "polling"] });
    socketRef.current = socket;

    const loadView = () =>
      chatApi<CustomerSessionView>(sessionId, { token }).then(
        (view) => {
          if (!closed) dispatch({ type: "view", view });
        },
        (error: unknown) => {
          if (closed) return;
          if (error instanceof ChatApiError && error.status === 404) staleCredential();
          else dispatch({ type: "error", error: errorMessage(error) });
        },
      );

    // The socket joins the chat's room before "connect" reaches us: reading now leaves no gap.
    socket.on("connect", () => {
      dispatch({ type: "connection", connection: "live" });
      void loadView();
    });
    socket.on("disconnect", () => dispatch({ type: "connection", connection: "offline" }));
    socket.io.on("reconnect_attempt", () => dispatch({ type: "connection", connection: "connecting" }));
    socket.on("connect_error", (error) => {
      dispatch({ type: "connection", connection: "offline" });
      // A refused handshake is not retried by socket.io: find out whether the token went stale.
      if (error.message === "unauthorized") {
        void loadView().then(() => {
          if (!closed) retry = setTimeout(() => socket.connect(), RETRY_CONNECT_MS);
        });
      }
    });
    socket.on("chat.status", (status) => dispatch({ type: "status", status }));
    socket.on("chat.message", ({ message }) => {
      if (message.author === "AGENT" || message.author === "ASSISTANT") stoppedTyping();
      dispatch({ type: "message", message });
    });
    socket.on("chat.message_delta", ({ message_id, delta }) => {
      stoppedTyping();
      dispatch({ type: "delta", messageId: message_id, delta });
    });
    socket.on("chat.typing", ({ author, typing }) => (typing ? startedTyping(author) : stoppedTyping()));

    return () => {
      closed = true;
      clearTimeout(retry);
      socketRef.current = null;
      socket.close();
    };
  }, [sessionId, token]);

  const deliver = useCallback((outgoing: Pick<OutgoingMessage, "client_message_id" | "body">) => {
    const socket = socketRef.current;
    if (!socket) return;
    // Sent even while reconnecting (socket.io buffers it); the server stores one message per client_message_id.
    socket
      .timeout(SEND_TIMEOUT_MS)
      .emitWithAck("chat.send", { client_message_id: outgoing.client_message_id, body: outgoing.body })
      .then(
        (ack) =>
          dispatch(ack.success ? { type: "message", message: ack.message } : { type: "send_failed", clientMessageId: outgoing.client_message_id, error: ack.error.message }),
        () => dispatch({ type: "send_failed", clientMessageId: outgoing.client_message_id, error: "Not sent: no connection." }),
      );
  }, []);

  const send = useCallback(
    (body: string) => {
      const outgoing = newOutgoingMessage(body, newClientId(), new Date());
      dispatch({ type: "sending", outgoing });
      deliver(outgoing);
    },
    [deliver],
  );

  const retry = useCallback(
    (outgoing: OutgoingMessage) => {
      dispatch({ type: "resending", clientMessageId: outgoing.client_message_id });
      deliver(outgoing);
    },
    [deliver],
  );

  const setTyping = useCallback((typing: boolean) => {
    // Volatile: a typing signal that cannot go out now is worthless later.
    socketRef.current?.volatile.emit("chat.typing", { typing }, () => undefined);
  }, []);

  const end = useCallback(async () => {
    try {
      const ended = await chatApi<{ status: SessionStatusName }>(sessionId, { method: "DELETE", token });
      dispatch({ type: "status", status: { status: ended.status, agent: null, queue: null } });
    } catch (error) {
      dispatch({ type: "error", error: errorMessage(error) });
    }
  }, [sessionId, token]);

  /** Resolves true once the rating is stored. */
  const rate = useCallback(
    async (score: number, comment: string) => {
      try {
        const trimmed = comment.trim();
        await chatApi(`${sessionId}/rating`, { method: "POST", token, body: { score, ...(trimmed ? { comment: trimmed } : {}) } });
        dispatch({ type: "rated", rating: { score, comment: trimmed || null } });
        return true;
      } catch (error) {
        dispatch({ type: "error", error: errorMessage(error) });
        return false;
      }
    },
    [sessionId, token],
  );

  return { ...state, typing, send, retry, setTyping, end, rate };
}
