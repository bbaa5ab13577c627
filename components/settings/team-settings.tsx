"use client";

import { useRouter } from "next/navigation";
import { useMemo, useRef, useState, type RefObject } from "react";
import { Button } from "@/components/ui/button";
import { StaffHeader } from "@/components/ui/staff-header";
import { teamApi } from "@/lib/team/team-api.client";
import { rolesManagedBy, type InviteInput, type InviteWire, type MemberPatch, type TeamMemberWire, type TeamWire } from "@/lib/contract/team";
import type { BusinessSettingsWire, BusinessSummaryWire } from "@/lib/contract/businesses";
import { InviteCard } from "./invite-card";
import { MemberRow, problemOf, type MemberActions } from "./member-row";
import { RelativeTime } from "./relative-time";
import { ROLE_LABELS } from "./roles";

interface Props {
  businesses: BusinessSummaryWire[];
  business: BusinessSettingsWire;
  team: TeamWire;
  /** The signed-in user: their own row says "Leave business". */
  meId: string;
}

const COLUMNS = ["Member", "Role", "Agent status", "Capacity", "Actions"];
const headingClass = "rounded text-lg font-semibold focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40";

/** The /settings/team page of one business: its members (role, capacity, password reset, removal) and invitations. */
export function TeamSettings({ businesses, business, team, meId }: Props) {
  const router = useRouter();
  const api = useMemo(() => teamApi(business.id), [business.id]);
  const [members, setMembers] = useState(team.members);
  const [invites, setInvites] = useState(team.invites);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const membersHeading = useRef<HTMLHeadingElement>(null);
  const invitesHeading = useRef<HTMLHeadingElement>(null);
  const assignableRoles = rolesManagedBy(team.your_role);

  // Every change is announced and re-renders the server paint (coming back with browser Back shows it).
  const changed = (message: string) => {
    setAnnouncement(message);
    router.refresh();
  };

  const actions: MemberActions = {
    async update(member: TeamMemberWire, patch: MemberPatch) {
      const answer = await api.updateMember(member.user_id, patch);
      setMembers((current) => current.map((m) => (m.user_id === answer.user_id ? answer : m)));
      const said = [patch.role ? `role ${ROLE_LABELS[answer.role].toLowerCase()}` : null, patch.capacity ? `capacity ${answer.agent?.capacity}` : null].filter(Boolean).join(", ");
      changed(`Saved ${answer.name}: ${said}.`);
    },
    async issueReset(member: TeamMemberWire) {
      const reset = await api.issuePasswordReset(member.user_id);
      changed(`Created a password reset link for ${member.name}${reset.email_sent ? " and emailed it" : ""}.`);
      return reset;
    },
    async remove(member: TeamMemberWire) {
      await api.removeMember(member.user_id);
      if (member.user_id === meId) {
        // They no longer belong here: the dashboard shows what they still have.
        router.push("/dashboard");
        return;
      }
      setMembers((current) => current.filter((m) => m.user_id !== member.user_id));
      changed(`Removed ${member.name}.`);
      // The focused button is gone with its row.
      membersHeading.current?.focus();
    },
    announce: setAnnouncement,
  };

  async function invite(input: InviteInput) {
    const created = await api.invite(input);
    setInvites((current) => [created.invite, ...current.filter((i) => i.id !== created.invite.id)]);
    changed(`Invited ${created.invite.email}.`);
    return created;
  }

  async function revoke(pending: InviteWire) {
    await api.revokeInvite(pending.id);
    setInvites((current) => current.filter((i) => i.id !== pending.id));
    changed(`Revoked the invite for ${pending.email}.`);
    invitesHeading.current?.focus();
  }

  return (
    <div className="min-h-screen">
      <StaffHeader current="/settings/team" business={business} businesses={businesses} isDemo={business.is_demo} />
      <main className="mx-auto flex max-w-4xl flex-col gap-6 px-4 py-6">
        <div>
          <h1 className="text-2xl font-semibold">Team</h1>
          <p className="mt-1 text-sm text-slate-600">
            Who works at {business.name}: owners and admins manage the business, every member can take chats up to their capacity.
            {team.your_role === "ADMIN" ? " As an admin you manage admins and agents; owners manage owners." : ""}
          </p>
        </div>
        <p role="status" className="sr-only">
          {announcement}
        </p>
        <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
          <h2 id="members-heading" ref={membersHeading} tabIndex={-1} className={`${headingClass} px-4 pt-4`}>
            Members ({members.length})
          </h2>
          <p className="px-4 text-xs text-slate-600 md:hidden">Scroll the table sideways for capacity and actions.</p>
          {/* Wider than a phone: it scrolls sideways inside this labelled region, the page does not (relative: screen-reader-only text scrolls with it). */}
          <div role="region" aria-labelledby="members-heading" tabIndex={0} className="relative mt-2 overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40">
            <table className="w-full min-w-[50rem] text-sm">
              <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-600 uppercase">
                <tr>
                  {COLUMNS.map((column, index) => (
                    // The member column stays in view while the rest scrolls sideways on a phone.
                    <th key={column} scope="col" className={`px-3 py-2 font-medium ${index === 0 ? "sticky left-0 z-[1] bg-slate-50" : ""}`}>
                      {column}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {members.map((member) => (
                  <MemberRow
                    key={member.user_id}
                    member={member}
                    isMe={member.user_id === meId}
                    assignableRoles={assignableRoles}
                    businessName={business.name}
                    actions={actions}
                    columns={COLUMNS.length}
                  />
                ))}
              </tbody>
            </table>
          </div>
        </div>
        <InviteCard assignableRoles={assignableRoles} onInvite={invite} />
        <PendingInvites invites={invites} headingRef={invitesHeading} onRevoke={revoke} />
      </main>
    </div>
  );
}

function PendingInvites({ invites, headingRef, onRevoke }: { invites: InviteWire[]; headingRef: RefObject<HTMLHeadingElement | null>; onRevoke: (invite: InviteWire) => Promise<void> }) {
  return (
    <section aria-labelledby="invites-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="invites-heading" ref={headingRef} tabIndex={-1} className={`${headingClass} mb-3`}>
        Pending invites ({invites.length})
      </h2>
      {invites.length === 0 ? (
        <p className="text-sm text-slate-600">No invitations waiting to be accepted.</p>
      ) : (
        <ul aria-labelledby="invites-heading" className="divide-y divide-slate-200">
          {invites.map((invite) => (
            <PendingInvite key={invite.id} invite={invite} onRevoke={() => onRevoke(invite)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function PendingInvite({ invite, onRevoke }: { invite: InviteWire; onRevoke: () => Promise<void> }) {
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function revoke() {
    setPending(true);
    setProblem(null);
    try {
      await onRevoke();
    } catch (error) {
      setProblem(problemOf(error));
      setPending(false);
    }
  }

  return (
    <li className="flex flex-wrap items-center justify-between gap-3 py-3">
      <div className="min-w-0 text-sm">
        <p className="font-medium break-all text-slate-900">{invite.email}</p>
        <p className="text-slate-600">
          {ROLE_LABELS[invite.role]} · expires <RelativeTime at={invite.expires_at} />
          {invite.invited_by ? ` · invited by ${invite.invited_by}` : ""}
        </p>
        {problem ? (
          <p role="alert" className="mt-1 text-red-700">
            {problem}
          </p>
        ) : null}
      </div>
      <Button type="button" variant="secondary" disabled={pending} onClick={() => void revoke()} className="px-3 py-1.5">
        {pending ? "Revoking…" : "Revoke"}
        <span className="sr-only"> the invite for {invite.email}</span>
      </Button>
    </li>
  );
}
