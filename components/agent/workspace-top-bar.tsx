"use client";

import { SignOutButton } from "@/components/auth/sign-out-button";
import { StaffNav } from "@/components/ui/staff-nav";
import { ConnectionStatus } from "@/components/dashboard/connection-status";
import { BusinessSwitcher } from "@/components/ui/business-switcher";
import { DemoBadge } from "@/components/ui/demo-badge";
import { selectClass } from "@/components/ui/select";
import type { AgentStatusName, AgentWire } from "@/lib/contract/staff";
import type { ConnectionState } from "@/lib/browser/use-dashboard-socket.client";

const AGENT_STATUSES: { value: AgentStatusName; label: string }[] = [
  { value: "ONLINE", label: "Online" },
  { value: "AWAY", label: "Away" },
  { value: "OFFLINE", label: "Offline" },
];

interface Props {
  company: { id: string; name: string } | null;
  businesses: { id: string; name: string; isDemo: boolean }[];
  onSwitchCompany: (companyId: string) => void;
  me: AgentWire | null;
  onSetStatus: (status: AgentStatusName) => void;
  connection: ConnectionState;
  connectionError: string | null;
}

export function WorkspaceTopBar({ company, businesses, onSwitchCompany, me, onSetStatus, connection, connectionError }: Props) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
        <div className="flex min-w-0 items-center gap-3">
          <span className="text-lg font-semibold">Switchboard</span>
          {company && businesses.length > 1 ? (
            <BusinessSwitcher businesses={businesses} value={company.id} onChange={onSwitchCompany} showLabel={false} />
          ) : (
            <span className="truncate text-sm text-slate-600">{company?.name}</span>
          )}
          {company && businesses.some((business) => business.id === company.id && business.isDemo) ? <DemoBadge /> : null}
        </div>
        <div className="flex flex-wrap items-center gap-3">
          {me ? (
            <label className="flex items-center gap-2 text-sm text-slate-700">
              My status
              <select value={me.status} onChange={(event) => onSetStatus(event.target.value as AgentStatusName)} className={selectClass}>
                {AGENT_STATUSES.map((status) => (
                  <option key={status.value} value={status.value}>
                    {status.label}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <ConnectionStatus state={connection} detail={connection === "offline" ? connectionError : null} />
          <StaffNav current="/agent" />
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
