import type { Namespace, Socket } from "socket.io";
import type { ChatClientToServerEvents, ChatServerToClientEvents, ChatSocketData } from "../chat/contract";

export type ChatSocket = Socket<ChatClientToServerEvents, ChatServerToClientEvents, Record<string, never>, ChatSocketData>;
export type ChatNamespace = Namespace<ChatClientToServerEvents, ChatServerToClientEvents, Record<string, never>, ChatSocketData>;
