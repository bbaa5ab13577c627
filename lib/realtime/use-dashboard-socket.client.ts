"use client";

import { useEffect, useState } from "react";
import { io, type Socket } from "socket.io-client";
import { DASHBOARD_NAMESPACE, type DashboardClientToServerEvents, type DashboardServerToClientEvents } from "./events";

export type ConnectionState = "connecting" | "live" | "offline";
export type DashboardSocket = Socket<DashboardServerToClientEvents, DashboardClientToServerEvents>;

/** One authenticated /dashboard socket per tab (the session cookie rides on the handshake). */
export function useDashboardSocket() {
  const [state, setState] = useState<ConnectionState>("connecting");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const client: DashboardSocket = io(DASHBOARD_NAMESPACE, { withCredentials: true, transports: ["websocket", "polling"] });
    client.on("connect", () => {
      setState("live");
      setError(null);
    });
    client.on("disconnect", () => setState("offline"));
    client.on("connect_error", (err) => {
      setState("offline");
      setError(err.message);
    });
    client.io.on("reconnect_attempt", () => setState("connecting"));
    return () => {
      client.close();
    };
  }, []);

  return { state, error };
}
