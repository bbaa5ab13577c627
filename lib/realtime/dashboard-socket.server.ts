import type { Namespace, Socket } from "socket.io";
import type { DashboardClientToServerEvents, DashboardServerToClientEvents, DashboardSocketData } from "./events";

export type DashboardSocket = Socket<DashboardClientToServerEvents, DashboardServerToClientEvents, Record<string, never>, DashboardSocketData>;
export type DashboardNamespace = Namespace<DashboardClientToServerEvents, DashboardServerToClientEvents, Record<string, never>, DashboardSocketData>;
