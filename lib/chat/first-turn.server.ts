import type { SessionStatusName } from "./contract";

/**
 * Who takes a new chat's first turn. The seam for the assistant: until it exists every chat goes
 * straight to the queue (WAITING). When it does, businesses with the assistant enabled start in
 * BOT and the assistant hands off into the queue.
 */
export function firstTurnStatus(_settings: unknown): SessionStatusName {
  return "WAITING";
}
