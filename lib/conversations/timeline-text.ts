import type { ConversationOutcome, ConversationTimelineEvent } from "../contract/conversations";

/** A timeline event as one sentence for the page. */
export function describeTimelineEvent(event: ConversationTimelineEvent): string {
  const by = event.actor ? ` by ${event.actor}` : "";
  switch (event.kind) {
    case "created":
      return "Conversation started";
    case "queued":
      return event.detail ? `Handed off to the team: ${event.detail}` : "Queued for the team";
    case "claimed":
      return `Claimed by ${event.agent ?? event.actor ?? "an agent"}`;
    case "assigned":
      return event.agent ? `Assigned to ${event.agent}` : "Assigned";
    case "transferred":
      return `Transferred${event.from_agent ? ` from ${event.from_agent}` : ""} to ${event.agent ?? "another agent"}${by}`;
    case "first_response":
      return "First reply from a person";
    case "tagged":
      return `Tagged “${event.detail ?? ""}”${by}`;
    case "closed":
      return event.actor ? `Closed${by}` : "Ended";
    case "abandoned":
      return "Customer left the queue";
    case "rated":
      return `Rated ${event.score}/5${event.detail ? `: “${event.detail}”` : ""}`;
  }
}

export const OUTCOME_LABELS: Record<ConversationOutcome, string> = { assistant_resolved: "Resolved by assistant", handed_off: "Handed off" };
