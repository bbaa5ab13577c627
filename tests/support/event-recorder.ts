import type { Socket } from "socket.io-client";
import { eventually } from "./eventually";

export interface RecordedEvent {
  event: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads are asserted field by field
  payload: any;
}

/** Records every server → client event of a socket, in arrival order. */
export function recordEvents(socket: Socket) {
  const events: RecordedEvent[] = [];
  socket.onAny((event: string, payload: unknown) => events.push({ event, payload }));
  return {
    events,
    clear: () => events.splice(0, events.length),
    /** Waits until an event matching the predicate has arrived and returns it. */
    async waitFor(predicate: (e: RecordedEvent) => boolean, what: string, timeoutMs = 10_000): Promise<RecordedEvent> {
      await eventually(() => events.some(predicate), timeoutMs, what);
      return events.find(predicate)!;
    },
  };
}
