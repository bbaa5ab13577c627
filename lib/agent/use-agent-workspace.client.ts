"use client";

import { useCallback, useEffect, useMemo, useReducer, useRef, type Dispatch } from "react";
import type { AgentActionName, AgentStatusName } from "../chat/contract";
import { newClientId, newOutgoingMessage, type OutgoingMessage } from "../chat/timeline";
import { useExpiringValue } from "../chat/use-expiring-value.client";
import type { ErrorBody } from "../errors/app-error";
import type { Ack } from "../realtime/events";
import { useDashboardSocket, type DashboardSocket } from "../realtime/use-dashboard-socket.client";
import { initialWorkspaceState, workspaceReducer, type WorkspaceAction } from "./workspace-state";

/** How long an action's acceptance (the ack, not its outcome) may take before it counts as lost. */
const ACK_TIMEOUT_MS = 10_000;
/** The customer's typing indicator goes away after this long without a fresh signal. */
const TYPING_TTL_MS = 6_000;

type OptimisticEvent = Extract<AgentActionName, "agent.set_status" | "queue.claim" | "session.transfer" | "session.close" | "session.send">;

const timedOut: ErrorBody = { code: "unavailable", message: "The server did not answer in time. Please try again." };
const offline: ErrorBody = { code: "unavailable", message: "You are offline. Try again once the connection is back." };

/**
 * Watches an optimistic action's ack. Its outcome arrives as dashboard.update_confirmed; a refused
 * payload or a lost ack becomes the same failed confirmation, so one code path rolls back.
 */
function watchAck(dispatch: Dispatch<WorkspaceAction>, action: OptimisticEvent, requestId: string, ack: Promise<Ack<{ request_id: string }>>) {
  const refuse = (error: ErrorBody) => dispatch({ type: "confirmed", confirmation: { request_id: requestId, action, success: false, error } });
  ack.then(
    (response) => {
      if (!response.success) refuse(response.error);
    },
    () => refuse(timedOut),
  );
}

/**
 * The agent workspace over the one /dashboard socket: workspace.open on every connect (so the
 * room subscription and the snapshot are restored after a reconnect), live pushes, and the
 * optimistic actions.
 */
export function useAgentWorkspace() {
  const [state, dispatch] = useReducer(workspaceReducer, initialWorkspaceState);
  const [typingSessionId, markCustomerTyping, clearCustomerTyping] = useExpiringValue<string>(TYPING_TTL_MS);
  // Read by socket listeners, which outlive renders.
  const companyIdRef = useRef<string | null>(null);
  const openSessionRef = useRef<string | null>(null);
  const openSessionId = state.conversation?.sessionId ?? null;
  useEffect(() => {
    openSessionRef.current = openSessionId;
  }, [openSessionId]);

  const loadHistory = useCallback((socket: DashboardSocket, sessionId: string) => {
    dispatch({ type: "history_requested", sessionId });
    const failed = (message: string) => dispatch({ type: "history_failed", sessionId, alert: { id: `history:${sessionId}`, message } });
    socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck("session.history", { session_id: sessionId })
      .then((ack) => (ack.success ? dispatch({ type: "history", session: ack.session, messages: ack.messages }) : failed(ack.error.message)), () => failed(timedOut.message));
  }, []);

  const openWorkspace = useCallback(
    (socket: DashboardSocket, companyId: string | null) => {
      dispatch({ type: "open_started" });
      const failed = (message: string) => dispatch({ type: "open_failed", alert: { id: "workspace.open", message } });
      socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck("workspace.open", companyId ? { company_id: companyId } : {})
        .then((ack) => {
          if (!ack.success) return failed(ack.error.message);
          const sameCompany = companyIdRef.current === ack.company.id;
          companyIdRef.current = ack.company.id;
          dispatch({ type: "snapshot", snapshot: ack });
          // Messages of the open conversation may have been missed while disconnected.
          if (sameCompany && openSessionRef.current) loadHistory(socket, openSessionRef.current);
        }, () => failed(timedOut.message));
    },
    [loadHistory],
  );

  const connection = useDashboardSocket((socket) => {
    socket.on("connect", () => openWorkspace(socket, companyIdRef.current));
    socket.on("queue.updated", (payload) => dispatch({ type: "push", push: { event: "queue.updated", payload } }));
    socket.on("session.updated", (payload) => {
      if (payload.message?.author === "CUSTOMER" && payload.session.id === openSessionRef.current) clearCustomerTyping();
      dispatch({ type: "push", push: { event: "session.updated", payload } });
    });
    socket.on("agent.status_changed", (payload) => dispatch({ type: "push", push: { event: "agent.status_changed", payload } }));
    socket.on("session.typing", ({ session_id: sessionId, typing }) => {
      if (sessionId !== openSessionRef.current) return;
      if (typing) markCustomerTyping(sessionId);
      else clearCustomerTyping();
    });
    socket.on("dashboard.update_confirmed", (confirmation) => dispatch({ type: "confirmed", confirmation }));
  });
  const { socketRef } = connection;

  const actions = useMemo(() => {
    /** The socket if it is connected; otherwise the action is refused visibly (nothing optimistic to undo). */
    const liveSocket = () => {
      const socket = socketRef.current;
      if (socket?.connected) return socket;
      dispatch({ type: "alert", alert: { id: newClientId(), message: offline.message } });
      return null;
    };

    const deliverReply = (sessionId: string, outgoing: Pick<OutgoingMessage, "client_message_id" | "body">) => {
      const socket = socketRef.current;
      const payload = { session_id: sessionId, body: outgoing.body, client_message_id: outgoing.client_message_id };
      if (socket?.connected) watchAck(dispatch, "session.send", outgoing.client_message_id, socket.timeout(ACK_TIMEOUT_MS).emitWithAck("session.send", payload));
      else dispatch({ type: "confirmed", confirmation: { request_id: outgoing.client_message_id, action: "session.send", success: false, error: offline } });
    };

    return {
      select(sessionId: string) {
        dispatch({ type: "select", sessionId });
        // Offline, the history loads with the next workspace.open.
        const socket = socketRef.current;
        if (socket?.connected) loadHistory(socket, sessionId);
      },
      claim(sessionId: string) {
        const socket = liveSocket();
        if (!socket) return;
        const requestId = newClientId();
        dispatch({ type: "claim", requestId, sessionId });
        watchAck(dispatch, "queue.claim", requestId, socket.timeout(ACK_TIMEOUT_MS).emitWithAck("queue.claim", { session_id: sessionId, request_id: requestId }));
        dispatch({ type: "select", sessionId });
        loadHistory(socket, sessionId);
      },
      transfer(sessionId: string, agentId: string) {
        const socket = liveSocket();
        if (!socket) return;
        const requestId = newClientId();
        dispatch({ type: "release", requestId, sessionId });
        watchAck(dispatch, "session.transfer", requestId, socket.timeout(ACK_TIMEOUT_MS).emitWithAck("session.transfer", { session_id: sessionId, agent_id: agentId, request_id: requestId }));
      },
      close(sessionId: string) {
        const socket = liveSocket();
        if (!socket) return;
        const requestId = newClientId();
        dispatch({ type: "release", requestId, sessionId });
        watchAck(dispatch, "session.close", requestId, socket.timeout(ACK_TIMEOUT_MS).emitWithAck("session.close", { session_id: sessionId, request_id: requestId }));
      },
      setStatus(status: AgentStatusName) {
        const socket = liveSocket();
        if (!socket) return;
        const requestId = newClientId();
        dispatch({ type: "set_status", requestId, status });
        watchAck(dispatch, "agent.set_status", requestId, socket.timeout(ACK_TIMEOUT_MS).emitWithAck("agent.set_status", { status, request_id: requestId }));
      },
      reply(sessionId: string, body: string) {
        const outgoing = newOutgoingMessage(body, newClientId(), new Date());
        dispatch({ type: "send", sessionId, outgoing });
        deliverReply(sessionId, outgoing);
      },
      retryReply(sessionId: string, outgoing: OutgoingMessage) {
        dispatch({ type: "resend", sessionId, clientMessageId: outgoing.client_message_id });
        deliverReply(sessionId, outgoing);
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
  }, [loadHistory, openWorkspace, socketRef]);

  return {
    ...state,
    connection: connection.state,
    connectionError: connection.error,
    customerTyping: openSessionId !== null && typingSessionId === openSessionId,
    ...actions,
  };
}

export type AgentWorkspace = ReturnType<typeof useAgentWorkspace>;
