import type { z } from "zod";
import type { AckCallback } from "./ack";

/** The payload of a client → server event `(payload, ack) => void`. */
export type EventPayload<F> = F extends (payload: infer P, ack: never) => void ? P : never;
/** What the event's ack carries on success, besides `success: true`. */
export type EventAck<F> = F extends (payload: never, ack: AckCallback<infer R>) => void ? R : never;

/** How one event is handled: its payload's schema, and a handler that must answer that event's ack. */
export interface EventHandler<F> {
  schema: z.ZodType<EventPayload<F>>;
  handle(payload: EventPayload<F>): Promise<EventAck<F>>;
}

/**
 * A domain's handlers for (some of) a namespace's client → server events, type-checked against the
 * contract: the transport (lib/realtime) validates each payload with the schema and turns the
 * handler's result or AppError into the ack envelope.
 */
export type HandlerTable<Events> = { [E in keyof Events]?: EventHandler<Events[E]> };
