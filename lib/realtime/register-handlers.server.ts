import type { Ack } from "../contract/ack";
import type { EventHandler, HandlerTable } from "../contract/handlers";
import { toAppError, type AppError } from "../errors/app-error";
import { parseInput } from "../errors/parse-input";
import { describeError, type Logger } from "../observability/logger";
import type { Metrics } from "../observability/metrics.server";

/** Client → server events as the transport sees them: a name and untrusted arguments. */
export type IncomingEvents = Record<string, (...args: unknown[]) => void>;

interface EventSource {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

/**
 * The one way a client → server event is served: the payload is validated with the handler's
 * schema, the ack always gets the envelope (`{ success: true, ...result }` or `{ success: false,
 * error }`), and neither a bad payload nor a thrown error can crash the connection.
 */
export function registerHandlers<Events>(socket: EventSource, table: HandlerTable<Events>, observe: { logger: Logger; metrics?: Metrics }): void {
  for (const [event, handler] of Object.entries<EventHandler<unknown> | undefined>(table)) {
    if (handler) socket.on(event, serveEvent(event, handler, observe));
  }
}

function serveEvent(name: string, handler: EventHandler<unknown>, { logger, metrics }: { logger: Logger; metrics?: Metrics }) {
  return async (...args: unknown[]) => {
    const ack = typeof args[args.length - 1] === "function" ? (args.pop() as (response: Ack) => void) : undefined;
    try {
      const result = await handler.handle(parseInput(handler.schema, args[0] ?? {}));
      ack?.({ success: true, ...(result as object) });
      metrics?.socketEvents.inc({ event: name, outcome: "ok" });
    } catch (error) {
      const appError = toAppError(error);
      metrics?.socketEvents.inc({ event: name, outcome: appError.code });
      if (appError.code === "internal_error") logger.error(`socket event ${name} failed`, { error: describeError(error) });
      ack?.({ success: false, error: appError.toBody() });
    }
  };
}

/** Answers a packet that a middleware refused, with the same envelope as a handler's error (no silent drop). */
export function refusePacket(packet: unknown[], error: AppError): void {
  const ack = packet[packet.length - 1];
  if (typeof ack === "function") (ack as (response: Ack) => void)({ success: false, error: error.toBody() });
}
