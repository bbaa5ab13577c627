/**
 * The Socket.IO contract (DESIGN.md §6), shared by the server handlers, the browser client and
 * the tests. Universal: no server-only imports.
 */
import type { ErrorBody } from "../errors/app-error";

export type AckOk<T extends object = object> = { success: true } & T;
export type AckError = { success: false; error: ErrorBody };
export type Ack<T extends object = object> = AckOk<T> | AckError;
export type AckCallback<T extends object = object> = (response: Ack<T>) => void;

export const DASHBOARD_NAMESPACE = "/dashboard";
export const CHAT_NAMESPACE = "/chat";

export const businessRoom = (businessId: string) => `business:${businessId}`;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the orchestration protocol
export interface DashboardServerToClientEvents {}

export interface DashboardClientToServerEvents {
  "session.whoami": (payload: unknown, ack: AckCallback<{ user: { id: string; email: string; name: string } }>) => void;
}

export interface DashboardSocketData {
  userId: string;
  email: string;
  name: string;
}
