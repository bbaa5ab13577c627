import { assistantEnabled } from "../tenancy/business-settings";
import type { SessionStatusName } from "../contract/staff";

/** Who takes a new chat's first turn: the assistant (BOT) where the business has it on, else the queue. */
export function firstTurnStatus(settings: unknown): SessionStatusName {
  return assistantEnabled(settings) ? "BOT" : "WAITING";
}
