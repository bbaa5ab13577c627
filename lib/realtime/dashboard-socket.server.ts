import type { Namespace, Socket } from "socket.io";
import type { DashboardServerToClientEvents } from "../contract/dashboard";
import type { IncomingEvents } from "./register-handlers.server";

// Incoming events are typed by the domains' handler tables (lib/contract/handlers.ts), registered by name.
export type DashboardSocket = Socket<IncomingEvents, DashboardServerToClientEvents, Record<string, never>, DashboardSocketData>;
export type DashboardNamespace = Namespace<IncomingEvents, DashboardServerToClientEvents, Record<string, never>, DashboardSocketData>;

export interface DashboardSocketData {
  userId: string;
  /** The sign-in (AuthSession) this socket was opened with: when it ends, so does the socket. */
  sessionId: string;
  email: string;
  name: string;
  /** The business this socket works in (set once its membership was checked; kept after access to it ended, so its events answer not_found). */
  businessId?: string;
  /** The orchestration allowed to emit on this connection; any other one is cancelled. */
  orchestrationId?: string;
}
