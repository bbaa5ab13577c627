import { chatPayloads, sessionRoom } from "../chat/contract";
import { authenticateCustomer, loadCustomerStatus } from "../chat/customer-chat.server";
import type { LiveChat } from "../chat/live-chat.server";
import { markCustomerConnected, markCustomerDisconnected } from "../chat/presence.server";
import { messageLimitKey, type ChatRateLimits } from "../chat/rate-limits.server";
import { hashSessionToken } from "../chat/session-token.server";
import type { PrismaClient } from "../db/prisma-client.server";
import type { CustomerOriginCheck } from "../security/customer-origins.server";
import { describeError, type Logger } from "../observability/logger";
import type { Metrics } from "../observability/metrics.server";
import { AppError } from "../errors/app-error";
import type { ChatNamespace } from "./chat-socket.server";
import { applyEventBudget, CUSTOMER_EVENT_BUDGET } from "./event-budget.server";
import { CHAT_NAMESPACE } from "./events";
import { handleEvent } from "./handle-event.server";

export interface ChatNamespaceDeps {
  db: PrismaClient;
  /** Which pages may open a customer's socket (the business's allowed origins); unset: any. */
  customerOrigins?: CustomerOriginCheck;
  liveChat: LiveChat;
  limits: ChatRateLimits;
  logger: Logger;
  metrics: Metrics;
  /** Runs connect/disconnect bookkeeping in the background, awaited at shutdown. */
  track(what: string, work: Promise<unknown>): void;
}

const CUSTOMER_EVENTS: ReadonlySet<string> = new Set(Object.keys(chatPayloads));

/** The customer side of DESIGN §6: one room per chat session, entered with the session token. */
export function registerChatNamespace(chat: ChatNamespace, deps: ChatNamespaceDeps): void {
  const { db, liveChat, logger, metrics } = deps;

  chat.use(async (socket, next) => {
    const token = (socket.handshake.auth as { session_token?: unknown } | undefined)?.session_token;
    const refuse = () => {
      metrics.socketRejections.inc({ namespace: CHAT_NAMESPACE });
      next(new Error("unauthorized"));
    };
    if (typeof token !== "string" || token.length > 200) return refuse();
    try {
      const ref = await authenticateCustomer(db, token);
      if (deps.customerOrigins && !(await deps.customerOrigins(socket.handshake.headers.origin, socket.handshake.headers.host, { id: ref.businessId }))) {
        metrics.socketRejections.inc({ namespace: CHAT_NAMESPACE });
        return next(new Error("origin_not_allowed"));
      }
      socket.data = { sessionId: ref.sessionId, businessId: ref.businessId, messageLimitKey: messageLimitKey(ref.sessionId, hashSessionToken(token)) };
      next();
    } catch (error) {
      if (error instanceof AppError && error.code === "not_found") return refuse();
      // The database being away is not the customer's fault: their page should retry, not forget the chat.
      logger.error("chat socket auth failed", { error: describeError(error) });
      next(new Error("unavailable"));
    }
  });

  chat.on("connection", (socket) => {
    applyEventBudget(socket, CUSTOMER_EVENT_BUDGET, { metrics, knownEvents: CUSTOMER_EVENTS });
    metrics.socketConnections.inc({ namespace: CHAT_NAMESPACE });
    const { sessionId, businessId } = socket.data;
    void socket.join(sessionRoom(sessionId));
    // Where things stand right now, so a reconnecting page needs no extra request.
    deps.track(
      "customer connect",
      markCustomerConnected(db, sessionId)
        .then(() => loadCustomerStatus(db, { sessionId, businessId }))
        .then((status) => socket.emit("chat.status", status)),
    );

    socket.on(
      "chat.send",
      handleEvent(
        "chat.send",
        chatPayloads["chat.send"],
        async (payload) => {
          deps.limits.messages.take(socket.data.messageLimitKey);
          const { message } = await liveChat.postCustomerMessage({ sessionId, scope: { businessId } }, payload.body, payload.client_message_id);
          return { message };
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
      deps.track("customer presence", markCustomerDisconnected(db, sessionId));
    });
  });

  metrics.onCollect(() => metrics.connectedSockets.set({ namespace: CHAT_NAMESPACE }, chat.sockets.size));
}
