"use client";

import { useCallback, useEffect, useMemo, useReducer, useRef, type Dispatch, type RefObject } from "react";
import { useDashboardSocket, type DashboardConnection, type DashboardSocket } from "../browser/use-dashboard-socket.client";
import { useExpiringValue } from "../browser/use-expiring-value.client";
import { firstLinkExpiry, newClientId, newOutgoingMessage, type OutgoingMessage } from "../chat/timeline";
import { sendSavedReplyAttachment, sendStaffAttachment } from "./staff-attachments.client";
import { useSavedRepliesFetch } from "../replies/use-saved-replies.client";
import type { SavedReplyListWire } from "../contract/saved-replies";
import type { Ack } from "../contract/ack";
import type { AgentActionName, AgentActionPayload, AgentStatusName } from "../contract/staff";
import type { SessionTagAction, TagWire } from "../contract/tags";
import type { ErrorBody } from "../errors/app-error";
import { initialWorkspaceState, workspaceReducer, type WorkspaceAction, type WorkspaceState } from "./workspace-state";

/** How long an action's acceptance (the ack, not its outcome) may take before it counts as lost. */
const ACK_TIMEOUT_MS = 10_000;
/** Attachment links are renewed this long before they expire. */
const LINK_RENEW_AHEAD_MS = 60_000;
/** The customer's typing indicator goes away after this long without a fresh signal. */
const TYPING_TTL_MS = 6_000;

type OptimisticEvent = Extract<AgentActionName, "agent.set_status" | "queue.claim" | "session.transfer" | "session.close" | "session.send" | "session.note" | "session.tag">;
/** What the agent writes in a conversation: kept even offline, shown as failed and retried with the same client_message_id. */
type WriteEvent = Extract<OptimisticEvent, "session.send" | "session.note">;

const timedOut: ErrorBody = { code: "unavailable", message: "The server did not answer in time. Please try again." };
const offline: ErrorBody = { code: "unavailable", message: "You are offline. Try again once the connection is back." };

/**
 * The socket as every optimistic event sees it: the payload in, `{ request_id }` acked on acceptance
 * (DashboardClientToServerEvents). Socket.IO's per-event types cannot be called with a generic event.
 */
interface OptimisticEmitter {
  emitWithAck<E extends OptimisticEvent>(event: E, payload: AgentActionPayload<E>): Promise<Ack<{ request_id: string }>>;
}

/**
 * The one sequence of every optimistic action: the change is shown at once, then the event goes
 * out; its outcome arrives as dashboard.update_confirmed. No connection, a refused payload or a
 * lost ack becomes the same failed confirmation, so one code path (the reducer's) rolls back.
 */
function runOptimistic<E extends OptimisticEvent>(
  socket: DashboardSocket | null,
  dispatch: Dispatch<WorkspaceAction>,
  action: { event: E; requestId: string; payload: AgentActionPayload<E>; change: WorkspaceAction },
) {
  const { event, requestId } = action;
  const refuse = (error: ErrorBody) => dispatch({ type: "confirmed", confirmation: { request_id: requestId, action: event, success: false, error } });
  dispatch(action.change);
  if (!socket?.connected) return refuse(offline);
  (socket.timeout(ACK_TIMEOUT_MS) as OptimisticEmitter).emitWithAck(event, action.payload).then(
    (ack) => {
      if (!ack.success) refuse(ack.error);
    },
    () => refuse(timedOut),
  );
}

interface Subscription {
  dispatch: Dispatch<WorkspaceAction>;
  // Read by socket listeners, which outlive renders.
  companyIdRef: RefObject<string | null>;
  openSessionRef: RefObject<string | null>;
  markCustomerTyping: (sessionId: string) => void;
  clearCustomerTyping: () => void;
}

/**
 * The /dashboard socket as the workspace uses it: workspace.open on every connect (so the room
 * subscription and the snapshot are restored after a reconnect), the live pushes, and the reads
 * (workspace.open, session.history, session.get) the actions and the reducer need.
 */
function useWorkspaceSubscription({ dispatch, companyIdRef, openSessionRef, markCustomerTyping, clearCustomerTyping }: Subscription) {
  const loadHistory = useCallback(
    (socket: DashboardSocket, sessionId: string) => {
      dispatch({ type: "history_requested", sessionId });
      const failed = (message: string) => dispatch({ type: "history_failed", sessionId, alert: { id: `history:${sessionId}`, message } });
      socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck("session.history", { session_id: sessionId })
        .then(
          (ack) => (ack.success ? dispatch({ type: "history", session: ack.session, messages: ack.messages, notes: ack.notes }) : failed(ack.error.message)),
          () => failed(timedOut.message),
        );
    },
    [dispatch],
  );

  const fetchSession = useCallback(
    function fetchSession(socket: DashboardSocket, sessionId: string) {
      const failed = () => dispatch({ type: "fetch_failed", sessionId });
      socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck("session.get", { session_id: sessionId })
        .then((ack) => {
          if (ack.success) return dispatch({ type: "fetched", snapshot: { session: ack.session, entry: ack.entry, version: ack.version } });
          // Over this connection's event budget: asked again when the server says, not dropped.
          const retryAfter = ack.error.retry_after_seconds;
          if (retryAfter !== undefined && socket.connected) return void setTimeout(() => fetchSession(socket, sessionId), retryAfter * 1000);
          failed();
        }, failed);
    },
    [dispatch],
  );

  const openWorkspace = useCallback(
    (socket: DashboardSocket, companyId: string | null) => {
      dispatch({ type: "open_started" });
      const failed = (message: string) => dispatch({ type: "open_failed", alert: { id: "workspace.open", message } });
      socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck("workspace.open", companyId ? { company_id: companyId } : {})
        .then(
          (ack) => {
            if (!ack.success) return failed(ack.error.message);
            const sameCompany = companyIdRef.current === ack.company.id;
            companyIdRef.current = ack.company.id;
            dispatch({ type: "snapshot", snapshot: ack });
            // Messages of the open conversation may have been missed while disconnected.
            if (sameCompany && openSessionRef.current) loadHistory(socket, openSessionRef.current);
          },
          () => failed(timedOut.message),
        );
    },
    [companyIdRef, dispatch, loadHistory, openSessionRef],
  );

  const connection = useDashboardSocket((socket) => {
    socket.on("connect", () => openWorkspace(socket, companyIdRef.current));
    socket.on("queue.updated", (payload) => dispatch({ type: "push", push: { event: "queue.updated", payload } }));
    socket.on("session.updated", (payload) => {
      if (payload.message?.author === "CUSTOMER" && payload.session.id === openSessionRef.current) clearCustomerTyping();
      dispatch({ type: "push", push: { event: "session.updated", payload } });
    });
    socket.on("agent.status_changed", (payload) => dispatch({ type: "push", push: { event: "agent.status_changed", payload } }));
    socket.on("session.note_added", (payload) => dispatch({ type: "push", push: { event: "session.note_added", payload } }));
    socket.on("tags.updated", (payload) => dispatch({ type: "push", push: { event: "tags.updated", payload } }));
    socket.on("saved_replies.updated", (payload) => dispatch({ type: "push", push: { event: "saved_replies.updated", payload } }));
    socket.on("session.typing", ({ session_id: sessionId, typing }) => {
      if (sessionId !== openSessionRef.current) return;
      if (typing) markCustomerTyping(sessionId);
      else clearCustomerTyping();
    });
    socket.on("dashboard.update_confirmed", (confirmation) => dispatch({ type: "confirmed", confirmation }));
  });

  return { connection, loadHistory, openWorkspace, fetchSession };
}

type Reads = Pick<ReturnType<typeof useWorkspaceSubscription>, "loadHistory" | "openWorkspace">;

/** Sends the session.get requests the reducer asked for, once each, whenever the socket is up. */
function useSessionFetches(
  fetches: WorkspaceState["fetches"],
  { socketRef, state: connectionState }: DashboardConnection,
  dispatch: Dispatch<WorkspaceAction>,
  fetchSession: (socket: DashboardSocket, sessionId: string) => void,
) {
  useEffect(() => {
    const socket = socketRef.current;
    const due = Object.keys(fetches).filter((sessionId) => fetches[sessionId] === "due");
    if (due.length === 0 || connectionState !== "live" || !socket?.connected) return;
    dispatch({ type: "fetches_sent", sessionIds: due });
    for (const sessionId of due) fetchSession(socket, sessionId);
  }, [connectionState, dispatch, fetchSession, fetches, socketRef]);
}

/** What the agent can do; every optimistic action goes through runOptimistic. */
function useWorkspaceActions(socketRef: RefObject<DashboardSocket | null>, dispatch: Dispatch<WorkspaceAction>, { loadHistory, openWorkspace }: Reads) {
  return useMemo(() => {
    /** The socket if it is connected; otherwise the action is refused visibly (nothing optimistic to undo). */
    const liveSocket = () => {
      const socket = socketRef.current;
      if (socket?.connected) return socket;
      dispatch({ type: "alert", alert: { id: newClientId(), message: offline.message } });
      return null;
    };

    /** A staff action (claim, transfer, close, status) needs the connection before it changes anything. */
    const act = <E extends Exclude<OptimisticEvent, WriteEvent>>(event: E, build: (requestId: string) => { payload: AgentActionPayload<E>; change: WorkspaceAction }) => {
      const socket = liveSocket();
      if (!socket) return null;
      const requestId = newClientId();
      runOptimistic(socket, dispatch, { event, requestId, ...build(requestId) });
      return socket;
    };

    /** A reply or note is kept even offline: it shows as failed, ready to retry (idempotent by client_message_id). */
    const deliver = (sessionId: string, outgoing: OutgoingMessage, change: WorkspaceAction) =>
      runOptimistic(socketRef.current, dispatch, {
        event: outgoing.privateNote ? "session.note" : "session.send",
        requestId: outgoing.client_message_id,
        payload: { session_id: sessionId, body: outgoing.body, client_message_id: outgoing.client_message_id },
        change,
      });
    const write = (sessionId: string, outgoing: OutgoingMessage) => deliver(sessionId, outgoing, { type: "send", sessionId, outgoing });

    return {
      select(sessionId: string) {
        dispatch({ type: "select", sessionId });
        // Offline, the history loads with the next workspace.open.
        const socket = socketRef.current;
        if (socket?.connected) loadHistory(socket, sessionId);
      },
      claim(sessionId: string) {
        const socket = act("queue.claim", (requestId) => ({ payload: { session_id: sessionId, request_id: requestId }, change: { type: "claim", requestId, sessionId } }));
        if (!socket) return;
        dispatch({ type: "select", sessionId });
        loadHistory(socket, sessionId);
      },
      transfer(sessionId: string, agentId: string) {
        act("session.transfer", (requestId) => ({ payload: { session_id: sessionId, agent_id: agentId, request_id: requestId }, change: { type: "release", requestId, sessionId } }));
      },
      close(sessionId: string) {
        act("session.close", (requestId) => ({ payload: { session_id: sessionId, request_id: requestId }, change: { type: "release", requestId, sessionId } }));
      },
      /** Puts a tag on a chat or takes it off (any member, any chat of the business): shown at once, dropped if refused. */
      tag(sessionId: string, tag: TagWire, action: SessionTagAction) {
        act("session.tag", (requestId) => ({ payload: { session_id: sessionId, tag_id: tag.id, action, request_id: requestId }, change: { type: "tag", requestId, sessionId, tag, action } }));
      },
      setStatus(status: AgentStatusName) {
        act("agent.set_status", (requestId) => ({ payload: { status, request_id: requestId }, change: { type: "set_status", requestId, status } }));
      },
      reply(sessionId: string, body: string) {
        write(sessionId, newOutgoingMessage(body, newClientId(), new Date()));
      },
      /** A private note for the team: any member may write one on any chat of the business. */
      addNote(sessionId: string, body: string) {
        write(sessionId, { ...newOutgoingMessage(body, newClientId(), new Date()), privateNote: true });
      },
      /** A reply or note that failed, sent again as itself. */
      retry(sessionId: string, outgoing: OutgoingMessage) {
        deliver(sessionId, outgoing, { type: "resend", sessionId, clientMessageId: outgoing.client_message_id });
      },
      typing(sessionId: string, typing: boolean) {
        // Volatile: a typing signal that cannot go out now is worthless later.
        socketRef.current?.volatile.emit("session.typing", { session_id: sessionId, typing }, () => undefined);
      },
      switchCompany(companyId: string) {
        const socket = liveSocket();
        if (!socket) return;
        openWorkspace(socket, companyId);
      },
      dismissAlert(id: string) {
        dispatch({ type: "dismiss_alert", id });
      },
    };
  }, [dispatch, loadHistory, openWorkspace, socketRef]);
}

/** Attachment links expire: shortly before the first one in the open conversation does, its history is read again for fresh ones. */
function useFreshAttachmentLinks(conversation: WorkspaceState["conversation"], socketRef: RefObject<DashboardSocket | null>, loadHistory: (socket: DashboardSocket, sessionId: string) => void) {
  const expiry = firstLinkExpiry(conversation?.messages ?? []);
  const sessionId = conversation?.sessionId ?? null;
  useEffect(() => {
    if (expiry === null || sessionId === null) return;
    const timer = setTimeout(
      () => {
        const socket = socketRef.current;
        if (socket?.connected) loadHistory(socket, sessionId);
      },
      Math.max(0, expiry - Date.now() - LINK_RENEW_AHEAD_MS),
    );
    return () => clearTimeout(timer);
  }, [expiry, loadHistory, sessionId, socketRef]);
}

/** The agent workspace over the one /dashboard socket: the snapshot, live pushes and the optimistic actions. */
export function useAgentWorkspace() {
  const [state, dispatch] = useReducer(workspaceReducer, initialWorkspaceState);
  const [typingSessionId, markCustomerTyping, clearCustomerTyping] = useExpiringValue<string>(TYPING_TTL_MS);
  const companyIdRef = useRef<string | null>(null);
  const openSessionRef = useRef<string | null>(null);
  const openSessionId = state.conversation?.sessionId ?? null;
  useEffect(() => {
    openSessionRef.current = openSessionId;
  }, [openSessionId]);

  const { connection, fetchSession, ...reads } = useWorkspaceSubscription({ dispatch, companyIdRef, openSessionRef, markCustomerTyping, clearCustomerTyping });
  useSessionFetches(state.fetches, connection, dispatch, fetchSession);
  const actions = useWorkspaceActions(connection.socketRef, dispatch, reads);
  useFreshAttachmentLinks(state.conversation, connection.socketRef, reads.loadHistory);
  const companyId = state.company?.id ?? null;
  /** A file as the holder's reply; resolves once it is stored (its message arrives with the session's push). Failures throw ApiError. */
  const sendFile = useCallback(
    (sessionId: string, file: File, onProgress: (fraction: number) => void) => {
      if (!companyId) return Promise.reject(new Error(offline.message));
      return sendStaffAttachment(companyId, sessionId, file, newClientId(), onProgress);
    },
    [companyId],
  );
  /** A saved reply's file as the holder's reply (the server copies it; nothing is uploaded). Failures throw ApiError. */
  const sendSavedReplyFile = useCallback(
    (sessionId: string, savedReplyId: string) => {
      if (!companyId) return Promise.reject(new Error(offline.message));
      return sendSavedReplyAttachment(companyId, sessionId, savedReplyId, newClientId());
    },
    [companyId],
  );
  const retrySavedReplies = useSavedRepliesFetch(
    companyId,
    connection.state === "live",
    useCallback((id: string, list: SavedReplyListWire) => dispatch({ type: "saved_replies", companyId: id, version: list.version, replies: list.saved_replies }), []),
    useCallback((id: string) => dispatch({ type: "saved_replies_failed", companyId: id }), []),
  );

  return {
    ...state,
    connection: connection.state,
    connectionError: connection.error,
    customerTyping: openSessionId !== null && typingSessionId === openSessionId,
    ...actions,
    sendFile,
    sendSavedReplyFile,
    retrySavedReplies,
  };
}

export type AgentWorkspace = ReturnType<typeof useAgentWorkspace>;
