import { z } from "zod";
import { listenOnChannel, type ChannelListener } from "../db/listen-channel.server";
import type { Logger } from "../observability/logger";

/** The channel the access-change triggers notify on (prisma/migrations/…_auth_sessions). */
export const ACCESS_CHANNEL = "switchboard_access";

const accessChange = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("session_ended"), user_id: z.string(), session_id: z.string() }),
  z.object({ kind: z.literal("membership_removed"), user_id: z.string(), business_id: z.string() }),
  z.object({ kind: z.literal("role_changed"), user_id: z.string(), business_id: z.string(), role: z.enum(["OWNER", "ADMIN", "AGENT"]) }),
]);

/** A sign-in that ended, or a membership that was removed or changed: whoever made the change, on whichever node. */
export type AccessChange = z.infer<typeof accessChange>;

export type AccessChangeListener = ChannelListener;

/**
 * LISTENs for access changes on a connection of its own. When the connection drops it reconnects
 * with backoff and calls `onResync`: changes made meanwhile were not heard, so whoever holds
 * sockets re-checks them all.
 */
export function listenForAccessChanges(databaseUrl: string, handlers: { onChange(change: AccessChange): void; onResync(): void }, logger: Logger): Promise<AccessChangeListener> {
  return listenOnChannel(
    databaseUrl,
    ACCESS_CHANNEL,
    {
      onNotification(payload) {
        const parsed = accessChange.safeParse(safeJson(payload));
        if (parsed.success) handlers.onChange(parsed.data);
        else logger.warn("unreadable access change ignored");
      },
      onResync: handlers.onResync,
    },
    logger,
  );
}

function safeJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? "");
  } catch {
    return undefined;
  }
}
