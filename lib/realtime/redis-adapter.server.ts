import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import type { RedisClient } from "../server/redis.server";

export interface RedisAdapterHandle {
  adapter: ReturnType<typeof createAdapter>;
  /** For commands of this node's own (shared counters, claims); it also publishes the adapter's messages. */
  client: RedisClient;
  /** Listens on a channel of the app's own (on the adapter's subscriber connection). */
  subscribe(channel: string, listener: (message: string) => void): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Multi-node fan-out: every node's room emits reach sockets connected to the others. */
export async function createRedisAdapter(url: string): Promise<RedisAdapterHandle> {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  await Promise.all([pub.connect(), sub.connect()]);
  return {
    adapter: createAdapter(pub, sub),
    client: pub,
    async subscribe(channel, listener) {
      await sub.subscribe(channel, listener);
    },
    async ping() {
      return (await pub.ping().catch(() => "")) === "PONG";
    },
    async close() {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
