import { chatPayloads, sessionRoom } from "../chat/contract";
import { authenticateCustomer, currentCustomerSession, loadCustomerStatus } from "../chat/customer-chat.server";
import type { LiveChat } from "../chat/live-chat.server";
import { markCustomerConnected, markCustomerDisconnected } from "../chat/presence.server";
import type { ChatRateLimits } from "../chat/rate-limits.server";
import type { PrismaClient } from "../db/prisma-client.server";
import type { Logger } from "../observability/logger";
import type { Metrics } from "../observability/metrics.server";
import type { ChatNamespace } from "./chat-socket.server";
import { CHAT_NAMESPACE } from "./events";
import { handleEvent } from "./handle-event.server";

export interface ChatNamespaceDeps {
  db: PrismaClient;
  liveChat: LiveChat;
  limits: ChatRateLimits;
  logger: Logger;
  metrics: Metrics;
}

/** The customer side of DESIGN §6: one room per chat session, entered with the session token. */
export function registerChatNamespace(chat: ChatNamespace, deps: ChatNamespaceDeps): void {
  const { db, liveChat, logger, metrics } = deps;

  chat.use(async (socket, next) => {
    const token = (socket.handshake.auth as { session_token?: unknown } | undefined)?.session_token;
    const ref = typeof token === "string" && token.length <= 200 ? await authenticateCustomer(db, token).catch(() => null) : null;
    if (!ref) {
      metrics.socketRejections.inc({ namespace: CHAT_NAMESPACE });
      return next(new Error("unauthorized"));
    }
    socket.data = { sessionId: ref.sessionId, businessId: ref.businessId };
    next();
  });

  chat.on("connection", (socket) => {
    metrics.socketConnections.inc({ namespace: CHAT_NAMESPACE });
    const { sessionId, businessId } = socket.data;
    void socket.join(sessionRoom(sessionId));
    // Where things stand right now, so a reconnecting page needs no extra request.
    void markCustomerConnected(db, sessionId)
      .then(() => currentCustomerSession(db, sessionId, businessId))
      .then((ref) => loadCustomerStatus(db, ref))
      .then((status) => socket.emit("chat.status", status))
      .catch((error: unknown) => logger.error("chat connect failed", { sessionId, error: String(error) }));

    socket.on(
      "chat.send",
      handleEvent(
        "chat.send",
        chatPayloads["chat.send"],
        async (payload) => {
          deps.limits.messages.take(sessionId);
          const ref = await currentCustomerSession(db, sessionId, businessId);
          return { message: await liveChat.postCustomerMessage(ref, payload.body, payload.client_message_id) };
        },
        logger,
        metrics,
      ) as never,
    );
    socket.on(
      "chat.typing",
      handleEvent(
        "chat.typing",
        chatPayloads["chat.typing"],
        async (payload) => {
          liveChat.publisher.customerTyping(businessId, sessionId, payload.typing);
          return {};
        },
        logger,
        metrics,
      ) as never,
    );

    socket.on("disconnect", () => {
      // Other tabs of the same chat on this node keep the customer present.
      if ((chat.adapter.rooms.get(sessionRoom(sessionId))?.size ?? 0) > 0) return;
      void markCustomerDisconnected(db, sessionId).catch((error: unknown) => logger.warn("customer presence not saved", { sessionId, error: String(error) }));
    });
  });

  metrics.onCollect(() => metrics.connectedSockets.set({ namespace: CHAT_NAMESPACE }, chat.sockets.size));
}
