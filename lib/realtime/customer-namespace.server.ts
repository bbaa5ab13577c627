import { authenticateCustomer, loadCustomerStatus } from "../chat/customer-chat.server";
import type { CustomerConnection } from "../chat/ports";
import type { NodePresence } from "../chat/node-presence.server";
import { messageLimitKey } from "../chat/rate-limits.server";
import { hashSessionToken } from "../chat/session-token.server";
import { CHAT_NAMESPACE, chatPayloads, type ChatClientToServerEvents } from "../contract/customer-chat";
import type { HandlerTable } from "../contract/handlers";
import type { PrismaClient } from "../db/prisma-client.server";
import { AppError } from "../errors/app-error";
import { describeError, type Logger } from "../observability/logger";
import type { Metrics } from "../observability/metrics.server";
import type { CustomerOriginCheck } from "../security/customer-origins.server";
import type { ChatNamespace } from "./chat-socket.server";
import { applyEventBudget, CUSTOMER_EVENT_BUDGET } from "./event-budget.server";
import { registerHandlers } from "./register-handlers.server";
import { sessionRoom } from "./rooms";

export interface CustomerNamespaceDependencies {
  db: PrismaClient;
  /** Which pages may open a customer's socket (the business's allowed origins); unset: any. */
  customerOrigins?: CustomerOriginCheck;
  logger: Logger;
  metrics: Metrics;
  track(what: string, work: Promise<unknown>): void;
  /** Records which chats this node holds sockets of (and stamps a chat whose last socket went). */
  presence: Pick<NodePresence, "customerChanged">;
  /** Every client → server event of the namespace, for one connection (the domain's table). */
  handlers(connection: CustomerConnection): Required<HandlerTable<ChatClientToServerEvents>>;
}

const CUSTOMER_EVENTS: ReadonlySet<string> = new Set(Object.keys(chatPayloads));

/** Handshake: the chat's session token, then the page's origin against the business's allowed ones. */
function admitCustomers(chat: ChatNamespace, deps: CustomerNamespaceDependencies) {
  const { db, logger, metrics } = deps;
  chat.use(async (socket, next) => {
    const token = (socket.handshake.auth as { session_token?: unknown } | undefined)?.session_token;
    const refuse = (reason: string) => {
      metrics.socketRejections.inc({ namespace: CHAT_NAMESPACE });
      next(new Error(reason));
    };
    if (typeof token !== "string" || token.length > 200) return refuse("unauthorized");
    try {
      const ref = await authenticateCustomer(db, token);
      if (deps.customerOrigins && !(await deps.customerOrigins(socket.handshake.headers.origin, socket.handshake.headers.host, { id: ref.businessId }))) {
        return refuse("origin_not_allowed");
      }
      socket.data = { sessionId: ref.sessionId, businessId: ref.businessId, messageLimitKey: messageLimitKey(ref.sessionId, hashSessionToken(token)) };
      next();
    } catch (error) {
      if (error instanceof AppError && error.code === "not_found") return refuse("unauthorized");
      // The database being away is not the customer's fault: their page should retry, not forget the chat.
      logger.error("chat socket auth failed", { error: describeError(error) });
      next(new Error("unavailable"));
    }
  });
}

/** Serves /chat (DESIGN §6): one room per chat session, entered with its token; presence tracked. */
export function serveCustomers(chat: ChatNamespace, deps: CustomerNamespaceDependencies): void {
  const { db, logger, metrics } = deps;
  admitCustomers(chat, deps);
  chat.on("connection", (socket) => {
    applyEventBudget(socket, CUSTOMER_EVENT_BUDGET, { metrics, knownEvents: CUSTOMER_EVENTS });
    metrics.socketConnections.inc({ namespace: CHAT_NAMESPACE });
    const { sessionId, businessId } = socket.data;
    void socket.join(sessionRoom(sessionId));
    // Where things stand right now, so a reconnecting page needs no extra request.
    deps.track(
      "customer connect",
      deps.presence
        .customerChanged(sessionId)
        .then(() => loadCustomerStatus(db, { sessionId, businessId }))
        .then((status) => socket.emit("chat.status", status)),
    );
    registerHandlers(socket, deps.handlers(socket.data), { logger, metrics });
    socket.on("disconnect", () => {
      // Other tabs of the same chat on this node keep the customer present.
      if ((chat.adapter.rooms.get(sessionRoom(sessionId))?.size ?? 0) > 0) return;
      deps.track("customer presence", deps.presence.customerChanged(sessionId));
    });
  });
  metrics.onCollect(() => metrics.connectedSockets.set({ namespace: CHAT_NAMESPACE }, chat.sockets.size));
}
