import { adminApiUrl, fetchJson, type JsonRequest } from "../browser/fetch-json";
import type { InviteCreatedWire, InviteInput, MemberPatch, PasswordResetIssuedWire, TeamMemberWire } from "../contract/team";

/** The team admin API of one business, for /settings/team. Failures throw ApiError (409 `last_owner`, `already_member`; `fields` on 400). */
export function teamApi(companyId: string) {
  const call = <T>(path: string, request: JsonRequest) => fetchJson<T>(adminApiUrl(path, companyId), request);
  const member = (userId: string) => `team/${encodeURIComponent(userId)}`;
  return {
    updateMember: (userId: string, patch: MemberPatch) => call<TeamMemberWire>(member(userId), { method: "PATCH", body: patch }),
    removeMember: (userId: string) => call<{ removed: true }>(member(userId), { method: "DELETE" }),
    issuePasswordReset: (userId: string) => call<PasswordResetIssuedWire>(`${member(userId)}/password-reset`, { method: "POST", body: {} }),
    invite: (input: InviteInput) => call<InviteCreatedWire>("invites", { method: "POST", body: input }),
    revokeInvite: (inviteId: string) => call<{ revoked: true }>(`invites/${encodeURIComponent(inviteId)}`, { method: "DELETE" }),
  };
}
export type TeamApi = ReturnType<typeof teamApi>;
