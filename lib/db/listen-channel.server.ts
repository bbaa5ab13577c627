import pg from "pg";
import { describeError, type Logger } from "../observability/logger";

export interface ChannelListener {
  close(): Promise<void>;
}

export interface ChannelHandlers {
  onNotification(payload: string | undefined): void;
  /** After a reconnect: notifications sent while the connection was down were not heard. */
  onResync(): void;
}

/**
 * LISTENs on a PostgreSQL channel on a connection of its own. When the connection drops it
 * reconnects with backoff and calls `onResync`, so the listener can catch up on what it missed.
 */
export async function listenOnChannel(databaseUrl: string, channel: string, handlers: ChannelHandlers, logger: Logger): Promise<ChannelListener> {
  let client: pg.Client | undefined;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryMs = 500;

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: databaseUrl });
    next.on("notification", (message) => handlers.onNotification(message.payload));
    next.on("error", (error) => logger.warn("database listener lost its connection", { channel, error: describeError(error) }));
    next.on("end", () => {
      if (client === next && !closed) scheduleReconnect();
    });
    await next.connect();
    await next.query(`LISTEN ${channel}`);
    client = next;
    retryMs = 500;
  }

  function scheduleReconnect() {
    client = undefined;
    retryTimer = setTimeout(() => {
      connect().then(
        () => handlers.onResync(),
        (error: unknown) => {
          logger.warn("database listener reconnect failed", { channel, error: describeError(error) });
          retryMs = Math.min(retryMs * 2, 30_000);
          scheduleReconnect();
        },
      );
    }, retryMs);
    retryTimer.unref();
  }

  await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      await client?.end().catch(() => undefined);
    },
  };
}
