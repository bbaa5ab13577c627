import { fetchJson } from "../browser/fetch-json";
import type { InviteAcceptInput } from "../contract/team";

export interface InviteAcceptedWire {
  /** The account that joined: sign in with it. */
  email: string;
  business_id: string;
}

/** `POST /api/v1/invites/accept`: joins with a new account (name + password) or an existing one (its password). 404 `not_found` when the link is used or expired. */
export const acceptInvite = (input: InviteAcceptInput) => fetchJson<InviteAcceptedWire>("/api/v1/invites/accept", { method: "POST", body: input });
