import { toAppError } from "../errors/app-error";
import { createRateLimiter } from "../http/rate-limit";
import type { Metrics } from "../observability/metrics.server";
import { refusePacket } from "./register-handlers.server";

/** What the budget needs of a socket (a Socket.IO Socket is one). */
export interface BudgetedSocket {
  id: string;
  use(middleware: (packet: [string, ...unknown[]], next: (error?: Error) => void) => void): unknown;
}

/** A token bucket per connection: `burst` events at once, refilled at `perSecond`. */
export interface EventBudget {
  burst: number;
  perSecond: number;
}

/**
 * Staff events mostly read the database (workspace, history, widgets, orchestration, actions).
 * A person clicking fast sends a few a second, and a reconnecting tab re-sends its workspace,
 * orchestration and widget requests (at most about ten) at once: far inside this. A flooding
 * script gets 10 a second, so the database work it queues ahead of other clients stays small.
 */
export const STAFF_EVENT_BUDGET: EventBudget = { burst: 30, perSecond: 10 };

/**
 * A customer sends messages (limited per chat on their own) and a typing signal every few
 * seconds: this only makes a flood of junk or typing events cheap to refuse.
 */
export const CUSTOMER_EVENT_BUDGET: EventBudget = { burst: 20, perSecond: 5 };

/**
 * Spends one token of the connection's budget on every client event, before any handler (and so
 * any database work) runs. Beyond it the event is answered at once with `rate_limited` and
 * `retry_after_seconds` in its ack, and goes no further. Register it before other middleware.
 */
export function applyEventBudget(socket: BudgetedSocket, budget: EventBudget, deps: { metrics: Metrics; knownEvents: ReadonlySet<string> }): void {
  const limiter = createRateLimiter({ limit: budget.burst, windowMs: (budget.burst / budget.perSecond) * 1000, what: "requests on this connection" });
  socket.use((packet, next) => {
    try {
      limiter.take(socket.id);
    } catch (error) {
      // The event name comes from the client: only known ones become metric labels.
      deps.metrics.socketEvents.inc({ event: deps.knownEvents.has(packet[0]) ? packet[0] : "other", outcome: "rate_limited" });
      return refusePacket(packet, toAppError(error));
    }
    next();
  });
}
