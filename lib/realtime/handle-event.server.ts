import type { z } from "zod";
import { toAppError, type AppError } from "../errors/app-error";
import { parseInput } from "../errors/parse-input";
import type { Ack } from "./events";

import { describeError, type Logger } from "../observability/logger";
import type { Metrics } from "../observability/metrics.server";

/**
 * Wraps a client→server event handler: validates the payload, always answers the ack with the
 * envelope, and never lets a bad payload or a thrown error crash the connection.
 */
export function handleEvent<S extends z.ZodType, R extends object>(
  name: string,
  schema: S,
  handler: (payload: z.infer<S>) => Promise<R>,
  logger: Logger,
  metrics?: Metrics,
) {
  return async (...args: unknown[]) => {
    const ack = typeof args[args.length - 1] === "function" ? (args.pop() as (response: Ack<R>) => void) : undefined;
    try {
      const payload = parseInput(schema, args[0] ?? {});
      const result = await handler(payload);
      ack?.({ success: true, ...result });
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
