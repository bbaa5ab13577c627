"use client";

import { useCallback, useEffect, useEffectEvent, useReducer, useRef, useState, type Dispatch, type RefObject } from "react";
import { io, type Socket } from "socket.io-client";
import { ApiError } from "../browser/fetch-json";
import type { ConnectionState } from "../browser/use-dashboard-socket.client";
import { useExpiringValue } from "../browser/use-expiring-value.client";
import { CHAT_NAMESPACE, type ChatClientToServerEvents, type ChatInitBody, type ChatServerToClientEvents } from "../contract/customer-chat";
import { useStoredChatCredential } from "./chat-credential-storage.client";
import { customerChatApi, type ChatCredential } from "./customer-api.client";
import { customerChatReducer, initialCustomerChatState, type CustomerChatAction, type CustomerChatState } from "./customer-chat-state";
import { firstLinkExpiry, newClientId, newOutgoingMessage, type OutgoingMessage } from "./timeline";
import type { WidgetIdentity } from "../widget/embed-protocol";

type CustomerSocket = Socket<ChatServerToClientEvents, ChatClientToServerEvents>;
type Typing = "AGENT" | "ASSISTANT";

const SEND_TIMEOUT_MS = 15_000;
/** The agent's typing indicator goes away after this long without a fresh signal. */
const TYPING_TTL_MS = 6_000;
/** Attachment links are renewed this long before they expire. */
const LINK_RENEW_AHEAD_MS = 60_000;
/** A connection refused for a reason other than a stale token is tried again after this long. */
const RETRY_CONNECT_MS = 5_000;

// customerChatApi fails with ApiError, whose message is written to be shown.
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface StartChatInput {
  name: string;
  email: string;
  message: string;
}

/**
 * The chat this browser has open with the business `slug`: `credential` is `undefined` until the
 * browser storage has been read (server render, hydration), then the stored credential or null.
 * `identity` (the widget's host site's signed-in user) goes with the next chat start.
 */
export function useCustomerChat(slug: string, identity: WidgetIdentity | null = null) {
  const [stored, store] = useStoredChatCredential(slug);
  // A chat started for another signed-in user of the site is not this one's: never shown, and forgotten.
  const foreign = !!stored?.external_id && identity !== null && stored.external_id !== identity.external_id;
  useEffect(() => {
    if (foreign) store(null);
  }, [foreign, store]);

  const start = useCallback(
    async (input: StartChatInput) => {
      const customer = {
        name: input.name.trim() || identity?.name,
        email: input.email.trim() || identity?.email,
        ...(identity ? { external_id: identity.external_id, user_hash: identity.user_hash } : {}),
      };
      const body: ChatInitBody = { business: slug, message: input.message.trim(), ...(Object.values(customer).some(Boolean) ? { customer } : {}) };
      store({ ...(await customerChatApi.start(body)), external_id: identity?.external_id ?? null });
    },
    [identity, slug, store],
  );
  const forget = useCallback(() => store(null), [store]);

  return { credential: foreign ? null : stored, start, forget };
}

interface SocketCallbacks {
  dispatch: Dispatch<CustomerChatAction>;
  setConnection: (connection: ConnectionState) => void;
  startedTyping: (author: Typing) => void;
  stoppedTyping: () => void;
  /** The stored token no longer opens the chat. */
  stale: () => void;
}

/**
 * The /chat socket of one chat. The messages are re-read over HTTP on every connect, so nothing
 * sent while disconnected is missed; pushes then keep them current.
 */
function useChatSocket(credential: ChatCredential, callbacks: SocketCallbacks): RefObject<CustomerSocket | null> {
  const socketRef = useRef<CustomerSocket | null>(null);
  const { dispatch, setConnection } = callbacks;
  const startedTyping = useEffectEvent(callbacks.startedTyping);
  const stoppedTyping = useEffectEvent(callbacks.stoppedTyping);
  const stale = useEffectEvent(callbacks.stale);
  const { session_id: sessionId, session_token: token } = credential;

  useEffect(() => {
    let closed = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const socket: CustomerSocket = io(CHAT_NAMESPACE, { auth: { session_token: token }, transports: ["websocket", "polling"] });
    socketRef.current = socket;

    const loadView = () =>
      customerChatApi.view({ session_id: sessionId, session_token: token }).then(
        (view) => {
          if (!closed) dispatch({ type: "view", view });
        },
        (error: unknown) => {
          if (closed) return;
          if (error instanceof ApiError && error.status === 404) stale();
          else dispatch({ type: "error", error: errorText(error) });
        },
      );

    // The socket joins the chat's room before "connect" reaches us: reading now leaves no gap.
    socket.on("connect", () => {
      setConnection("live");
      void loadView();
    });
    socket.on("disconnect", () => setConnection("offline"));
    socket.io.on("reconnect_attempt", () => setConnection("connecting"));
    socket.on("connect_error", (error) => {
      setConnection("offline");
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
      dispatch({ type: "delta", messageId: message_id, delta, at: new Date() });
    });
    socket.on("chat.typing", ({ author, typing }) => (typing ? startedTyping(author) : stoppedTyping()));

    return () => {
      closed = true;
      clearTimeout(retry);
      socketRef.current = null;
      socket.close();
    };
  }, [dispatch, setConnection, sessionId, token]);

  return socketRef;
}

/** What the customer can do in an open chat; failures show as the conversation's error. */
function useConversationActions(credential: ChatCredential, socketRef: RefObject<CustomerSocket | null>, dispatch: Dispatch<CustomerChatAction>) {
  const deliver = useCallback(
    (outgoing: Pick<OutgoingMessage, "client_message_id" | "body">) => {
      const socket = socketRef.current;
      if (!socket) return;
      const failed = (error: string) => dispatch({ type: "send_failed", clientMessageId: outgoing.client_message_id, error });
      // Sent even while reconnecting (socket.io buffers it); the server stores one message per client_message_id.
      socket
        .timeout(SEND_TIMEOUT_MS)
        .emitWithAck("chat.send", { client_message_id: outgoing.client_message_id, body: outgoing.body })
        .then(
          (ack) => (ack.success ? dispatch({ type: "message", message: ack.message }) : failed(ack.error.message)),
          () => failed("Not sent: no connection."),
        );
    },
    [dispatch, socketRef],
  );

  const send = useCallback(
    (body: string) => {
      const outgoing = newOutgoingMessage(body, newClientId(), new Date());
      dispatch({ type: "sending", outgoing });
      deliver(outgoing);
    },
    [deliver, dispatch],
  );

  const retry = useCallback(
    (outgoing: OutgoingMessage) => {
      dispatch({ type: "resending", clientMessageId: outgoing.client_message_id });
      deliver(outgoing);
    },
    [deliver, dispatch],
  );

  const setTyping = useCallback(
    (typing: boolean) => {
      // Volatile: a typing signal that cannot go out now is worthless later.
      socketRef.current?.volatile.emit("chat.typing", { typing }, () => undefined);
    },
    [socketRef],
  );

  const end = useCallback(async () => {
    try {
      const ended = await customerChatApi.end(credential);
      dispatch({ type: "status", status: { status: ended.status, agent: null, queue: null, offline: null } });
    } catch (error) {
      dispatch({ type: "error", error: errorText(error) });
    }
  }, [credential, dispatch]);

  /** Resolves true once the rating is stored. */
  const rate = useCallback(
    async (score: number, comment: string) => {
      try {
        const trimmed = comment.trim();
        await customerChatApi.rate(credential, { score, ...(trimmed ? { comment: trimmed } : {}) });
        dispatch({ type: "rated", rating: { score, comment: trimmed || null } });
        return true;
      } catch (error) {
        dispatch({ type: "error", error: errorText(error) });
        return false;
      }
    },
    [credential, dispatch],
  );

  /** A file as a message; resolves once it is stored (failures throw ApiError, for the page to show). */
  const sendFile = useCallback(
    async (file: File, onProgress: (fraction: number) => void) => {
      const { message } = await customerChatApi.upload(credential, file, newClientId(), onProgress);
      dispatch({ type: "message", message });
    },
    [credential, dispatch],
  );

  /** Where to answer an offline message; failures throw ApiError, for the form to show. */
  const saveEmail = useCallback(
    async (email: string) => {
      await customerChatApi.email(credential, email);
      dispatch({ type: "email_given" });
    },
    [credential, dispatch],
  );

  return { send, retry, setTyping, end, rate, sendFile, saveEmail };
}

/** Attachment links expire: shortly before the first one does, the conversation is read again for fresh ones. */
function useFreshAttachmentLinks(credential: ChatCredential, messages: CustomerChatState["messages"], dispatch: Dispatch<CustomerChatAction>) {
  const expiry = firstLinkExpiry(messages);
  useEffect(() => {
    if (expiry === null) return;
    const timer = setTimeout(
      () =>
        customerChatApi.view(credential).then(
          (view) => dispatch({ type: "view", view }),
          () => undefined,
        ),
      Math.max(0, expiry - Date.now() - LINK_RENEW_AHEAD_MS),
    );
    return () => clearTimeout(timer);
  }, [credential, dispatch, expiry]);
}

/** The live conversation of one stored chat. `onStale` runs when the stored token no longer opens it. */
export function useCustomerConversation(credential: ChatCredential, onStale: () => void) {
  const [state, dispatch] = useReducer(customerChatReducer, initialCustomerChatState);
  const [connection, setConnection] = useState<ConnectionState>("connecting");
  const [typing, startedTyping, stoppedTyping] = useExpiringValue<Typing>(TYPING_TTL_MS);
  const socketRef = useChatSocket(credential, { dispatch, setConnection, startedTyping, stoppedTyping, stale: onStale });
  const actions = useConversationActions(credential, socketRef, dispatch);
  useFreshAttachmentLinks(credential, state.messages, dispatch);
  return { ...state, connection, typing, ...actions };
}
