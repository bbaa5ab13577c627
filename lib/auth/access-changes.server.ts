import pg from "pg";
import { z } from "zod";
import { describeError, type Logger } from "../observability/logger";

/** The channel the access-change triggers notify on (prisma/migrations/…_auth_sessions). */
export const ACCESS_CHANNEL = "switchboard_access";

const accessChange = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("session_ended"), user_id: z.string(), session_id: z.string() }),
  z.object({ kind: z.literal("membership_removed"), user_id: z.string(), business_id: z.string() }),
  z.object({ kind: z.literal("role_changed"), user_id: z.string(), business_id: z.string(), role: z.enum(["OWNER", "ADMIN", "AGENT"]) }),
]);

/** A sign-in that ended, or a membership that was removed or changed: whoever made the change, on whichever node. */
export type AccessChange = z.infer<typeof accessChange>;

export interface AccessChangeListener {
  close(): Promise<void>;
}

/**
 * LISTENs for access changes on a connection of its own. When the connection drops it reconnects
 * with backoff and calls `onResync`: changes made meanwhile were not heard, so whoever holds
 * sockets re-checks them all.
 */
export async function listenForAccessChanges(databaseUrl: string, handlers: { onChange(change: AccessChange): void; onResync(): void }, logger: Logger): Promise<AccessChangeListener> {
  let client: pg.Client | undefined;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryMs = 500;

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: databaseUrl });
    next.on("notification", (message) => {
      const parsed = accessChange.safeParse(safeJson(message.payload));
      if (parsed.success) handlers.onChange(parsed.data);
      else logger.warn("unreadable access change ignored");
    });
    next.on("error", (error) => logger.warn("access change listener lost its connection", { error: describeError(error) }));
    next.on("end", () => {
      if (client === next && !closed) scheduleReconnect();
    });
    await next.connect();
    await next.query(`LISTEN ${ACCESS_CHANNEL}`);
    client = next;
    retryMs = 500;
  }

  function scheduleReconnect() {
    client = undefined;
    retryTimer = setTimeout(() => {
      connect().then(
        () => handlers.onResync(),
        (error: unknown) => {
          logger.warn("access change listener reconnect failed", { error: describeError(error) });
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

function safeJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? "");
  } catch {
    return undefined;
  }
}
