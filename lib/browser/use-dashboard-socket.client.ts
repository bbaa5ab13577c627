"use client";

import { useEffect, useEffectEvent, useRef, useState, type RefObject } from "react";
import { io, type Socket } from "socket.io-client";
import { DASHBOARD_NAMESPACE, type DashboardClientToServerEvents, type DashboardServerToClientEvents } from "../contract/dashboard";

export type ConnectionState = "connecting" | "live" | "offline";
export type DashboardSocket = Socket<DashboardServerToClientEvents, DashboardClientToServerEvents>;

export interface DashboardConnection {
  state: ConnectionState;
  error: string | null;
  /** The open socket, for emitting from event handlers (null before mount and after unmount). */
  socketRef: RefObject<DashboardSocket | null>;
}

function toLogin() {
  window.location.replace(`/login?callbackUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`);
}

/**
 * One authenticated /dashboard socket per tab (the session cookie rides on the handshake).
 * `attach` runs once per socket, before it connects, to add the page's own listeners (e.g. one on
 * "connect" that restores its subscriptions after every reconnect).
 */
export function useDashboardSocket(attach?: (socket: DashboardSocket) => void): DashboardConnection {
  const [state, setState] = useState<ConnectionState>("connecting");
  const [error, setError] = useState<string | null>(null);
  const socketRef = useRef<DashboardSocket | null>(null);
  const attachListeners = useEffectEvent((socket: DashboardSocket) => attach?.(socket));

  useEffect(() => {
    const client: DashboardSocket = io(DASHBOARD_NAMESPACE, { withCredentials: true, transports: ["websocket", "polling"] });
    socketRef.current = client;
    client.on("connect", () => {
      setState("live");
      setError(null);
    });
    client.on("disconnect", () => setState("offline"));
    client.on("connect_error", (err) => {
      // The sign-in ended while this tab was away (signed out elsewhere, password changed): sign in again.
      if (err.message === "unauthorized") return toLogin();
      setState("offline");
      setError(err.message);
    });
    // Access ended while connected: the server says why before it stops sending this business's data.
    client.on("access.revoked", (revoked) => (revoked.reason === "session_ended" ? toLogin() : window.location.replace(window.location.pathname)));
    client.on("access.changed", () => window.location.reload());
    client.io.on("reconnect_attempt", () => setState("connecting"));
    attachListeners(client);
    return () => {
      socketRef.current = null;
      client.close();
    };
  }, []);

  return { state, error, socketRef };
}
