import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import type { ConnectionPresence, NodeConnections } from "../chat/ports";
import { CHAT_NAMESPACE } from "../contract/customer-chat";
import { DASHBOARD_NAMESPACE } from "../contract/dashboard";
import { describeError, type Logger } from "../observability/logger";
import type { ChatNamespace } from "./chat-socket.server";
import type { DashboardNamespace } from "./dashboard-socket.server";
import { createRedisAdapter, type RedisAdapterHandle } from "./redis-adapter.server";
import { sessionRoom, userRoom } from "./rooms";

export interface SocketServer {
  io: Server;
  dashboard: DashboardNamespace;
  chat: ChatNamespace;
  redis?: RedisAdapterHandle;
  /** Asked through the adapter, so sockets on other nodes count too. */
  presence: ConnectionPresence;
  /** The sockets of this node only (its presence rows record them). */
  local: NodeConnections;
  /** Connect and disconnect bookkeeping in the background; close() awaits it, so none is cut off half-way. */
  track(what: string, work: Promise<unknown>): void;
  attach(httpServer: HttpServer): void;
  connectedSockets(): number;
  /** Closes this node's sockets (clients reconnect elsewhere, or later) and awaits their bookkeeping. */
  close(): Promise<void>;
  /** Then, once the last pushes are out (they reach other nodes' sockets through it), the Redis connections. */
  closeRedis(): Promise<void>;
}

/**
 * New connections are admitted while fewer than this many are between their engine handshake and
 * their first namespace connect (where the session is checked against the database); the others
 * are refused (HTTP 403) and retry after the client's backoff. Without a bound, a reconnect storm
 * (a node restarting under thousands of clients) queues so many session checks that handshakes
 * time out client-side and are retried at once: work thrown away, and the queue never drains.
 */
const MAX_CONNECTIONS_IN_HANDSHAKE = 64;
/** A connection stops counting as in handshake after this long whatever it does, so a client that never connects to a namespace holds no slot. */
const HANDSHAKE_SLOT_MS = 5_000;

/** An engine connection, as far as the gate needs it. */
interface HandshakingConnection {
  once(event: "close", listener: () => void): unknown;
}

/** Counts the engine connections that have not connected to a namespace yet (exported for its unit test). */
export function createHandshakeGate({ limit = MAX_CONNECTIONS_IN_HANDSHAKE, slotMs = HANDSHAKE_SLOT_MS } = {}) {
  const inHandshake = new Map<HandshakingConnection, NodeJS.Timeout>();
  const done = (connection: HandshakingConnection) => {
    clearTimeout(inHandshake.get(connection));
    inHandshake.delete(connection);
  };
  return {
    admits: () => inHandshake.size < limit,
    opened(connection: HandshakingConnection) {
      inHandshake.set(connection, setTimeout(() => inHandshake.delete(connection), slotMs).unref());
      connection.once("close", () => done(connection));
    },
    done,
  };
}

/** Socket.IO with its two namespaces, over Redis when set so every node's rooms reach every socket. */
export async function createSocketServer(options: { redisUrl?: string; logger: Logger }): Promise<SocketServer> {
  const handshakes = createHandshakeGate();
  const io = new Server({
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    pingInterval: 20_000,
    pingTimeout: 20_000,
    // Asked for new connections only (not a connected client's requests).
    allowRequest: (_request, answer) => {
      const admitted = handshakes.admits();
      answer(admitted ? null : "busy", admitted);
    },
  });
  const redis = options.redisUrl ? await createRedisAdapter(options.redisUrl) : undefined;
  if (redis) io.adapter(redis.adapter);
  // One server, two namespaces with their own event maps.
  const dashboard = io.of(DASHBOARD_NAMESPACE) as DashboardNamespace;
  const chat = io.of(CHAT_NAMESPACE) as ChatNamespace;
  for (const namespace of [dashboard, chat]) namespace.on("connection", (socket) => handshakes.done(socket.conn));
  const background = new Set<Promise<unknown>>();
  let attached = false;

  return {
    io,
    dashboard,
    chat,
    redis,
    presence: {
      userHasSockets: async (userId) => (await dashboard.in(userRoom(userId)).fetchSockets()).length > 0,
      sessionHasSockets: async (sessionId) => (await chat.in(sessionRoom(sessionId)).fetchSockets()).length > 0,
    },
    local: {
      hasStaff: (userId) => (dashboard.adapter.rooms.get(userRoom(userId))?.size ?? 0) > 0,
      hasCustomer: (sessionId) => (chat.adapter.rooms.get(sessionRoom(sessionId))?.size ?? 0) > 0,
      staffUserIds: () => [...new Set([...dashboard.sockets.values()].map((socket) => socket.data.userId))],
      customerSessionIds: () => [...new Set([...chat.sockets.values()].map((socket) => socket.data.sessionId))],
    },
    track(what, work) {
      const settled = work.catch((error: unknown) => options.logger.warn(`${what} failed`, { error: describeError(error) })).finally(() => background.delete(settled));
      background.add(settled);
    },
    attach(httpServer) {
      io.attach(httpServer);
      io.engine.on("connection", handshakes.opened);
      attached = true;
    },
    connectedSockets: () => dashboard.sockets.size + chat.sockets.size,
    async close() {
      if (attached) await new Promise<void>((resolve) => io.close(() => resolve()));
      await Promise.allSettled([...background]);
    },
    async closeRedis() {
      await redis?.close();
    },
  };
}
