import { randomUUID } from "node:crypto";
import { describeError, type Logger } from "../observability/logger";
import type { RoomEmitter } from "./live-publisher.server";

/** A room push as it crosses Redis: each node writes its own sockets of the room. */
interface ClusterPush {
  /** The process that made it: a node has written its own sockets already. */
  node: string;
  room: string;
  event: string;
  args: unknown[];
}

const channelOf = (namespace: string) => `switchboard:pushes:${namespace}`;

/**
 * Publishes a namespace's room pushes to every node (decision 026), from a node or from a process
 * without sockets (`npm run worker`). The pushes are JSON values, as every staff push is: they
 * cross Redis as JSON, and a client reads the same JSON either way.
 */
export function createClusterPublisher(options: { namespace: string; nodeId?: string; publish: (channel: string, message: string) => Promise<unknown>; logger: Logger }): RoomEmitter {
  const { namespace, nodeId = randomUUID(), publish, logger } = options;
  const channel = channelOf(namespace);
  return {
    to(room) {
      return {
        emit(event, ...args) {
          const push: ClusterPush = { node: nodeId, room, event, args };
          publish(channel, JSON.stringify(push)).catch((error: unknown) => logger.warn("cluster push not published", { room, event, error: describeError(error) }));
        },
      };
    },
  };
}

/**
 * A namespace's room pushes with several nodes: each node writes its own sockets of the room
 * through `local` (its sliced rooms: a slice per turn, ready-made frames), instead of the Socket.IO
 * Redis adapter, whose delivery writes all of a node's sockets in one piece, packet by packet. The
 * node that makes a push writes its sockets at once and publishes it; every other node writes its
 * own when it arrives. One process's pushes arrive in the order it published them (one channel,
 * one connection), so each socket still gets a room's pushes in order. Should Redis fail, this
 * node's sockets still get the push.
 */
export async function createClusterRooms(options: {
  namespace: string;
  nodeId: string;
  local: RoomEmitter;
  publish: (channel: string, message: string) => Promise<unknown>;
  subscribe: (channel: string, listener: (message: string) => void) => Promise<void>;
  logger: Logger;
}): Promise<RoomEmitter> {
  const { nodeId, local, logger } = options;
  await options.subscribe(channelOf(options.namespace), (message) => {
    let push: ClusterPush;
    try {
      push = JSON.parse(message) as ClusterPush;
    } catch (error) {
      logger.warn("unreadable cluster push ignored", { namespace: options.namespace, error: describeError(error) });
      return;
    }
    if (push.node !== nodeId) local.to(push.room).emit(push.event, ...push.args);
  });
  const cluster = createClusterPublisher(options);
  return {
    to(room) {
      return {
        emit(event, ...args) {
          local.to(room).emit(event, ...args);
          cluster.to(room).emit(event, ...args);
        },
      };
    },
  };
}
