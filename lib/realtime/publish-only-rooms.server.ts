import { Emitter } from "@socket.io/redis-emitter";
import { createClient } from "redis";
import type { RedisClient } from "../server/redis.server";
import { CHAT_NAMESPACE } from "../contract/customer-chat";
import { DASHBOARD_NAMESPACE } from "../contract/dashboard";
import type { Logger } from "../observability/logger";
import { createClusterPublisher } from "./cluster-rooms.server";
import type { RoomEmitter } from "./live-publisher.server";

/**
 * Rooms to publish into from a process that serves no sockets (`npm run worker`): through Redis
 * the servers' sockets receive the pushes; without Redis they go nowhere (the data is stored, and
 * pages show it on their next load).
 */
export interface PublishOnlyRooms {
  dashboard: RoomEmitter;
  chat: RoomEmitter;
  /** The Redis connection the pushes go through (also for health checks and shared claims); unset without Redis. */
  redis?: { client: RedisClient; ping(): Promise<boolean> };
  close(): Promise<void>;
}

export async function createPublishOnlyRooms(redisUrl: string | undefined, logger: Logger): Promise<PublishOnlyRooms> {
  if (!redisUrl) {
    const nowhere: RoomEmitter = { to: () => ({ emit: () => undefined }) };
    return { dashboard: nowhere, chat: nowhere, close: async () => undefined };
  }
  const client = createClient({ url: redisUrl });
  await client.connect();
  const emitter = new Emitter(client);
  return {
    // Staff pushes the way the nodes send theirs: each node writes its own sockets (decision 026).
    dashboard: createClusterPublisher({ namespace: DASHBOARD_NAMESPACE, publish: (channel, message) => client.publish(channel, message), logger }),
    chat: emitter.of(CHAT_NAMESPACE),
    redis: { client, ping: async () => (await client.ping().catch(() => "")) === "PONG" },
    close: async () => {
      await client.quit().catch(() => undefined);
    },
  };
}
