import { fetchJson } from "../browser/fetch-json";
import type { InviteAcceptedWire, InviteAcceptInput } from "../contract/team";

/** `POST /api/v1/invites/accept`: joins with a new account (name + password) or an existing one (its password). 404 `not_found` when the link is used or expired. */
export const acceptInvite = (input: InviteAcceptInput) => fetchJson<InviteAcceptedWire>("/api/v1/invites/accept", { method: "POST", body: input });
