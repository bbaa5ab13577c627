import type { AgentStatusName, SessionStatusName } from "@/lib/contract/staff";

const badges: Record<SessionStatusName | AgentStatusName, { label: string; tone: string; dot: string }> = {
  BOT: { label: "With assistant", tone: "bg-violet-50 text-violet-700 ring-violet-200", dot: "bg-violet-500" },
  WAITING: { label: "Waiting", tone: "bg-amber-50 text-amber-800 ring-amber-200", dot: "bg-amber-500" },
  ACTIVE: { label: "Active", tone: "bg-emerald-50 text-emerald-700 ring-emerald-200", dot: "bg-emerald-500" },
  CLOSED: { label: "Closed", tone: "bg-slate-100 text-slate-700 ring-slate-200", dot: "bg-slate-400" },
  ABANDONED: { label: "Left", tone: "bg-slate-100 text-slate-700 ring-slate-200", dot: "bg-slate-400" },
  ONLINE: { label: "Online", tone: "bg-emerald-50 text-emerald-700 ring-emerald-200", dot: "bg-emerald-500" },
  AWAY: { label: "Away", tone: "bg-amber-50 text-amber-800 ring-amber-200", dot: "bg-amber-500" },
  OFFLINE: { label: "Offline", tone: "bg-slate-100 text-slate-600 ring-slate-200", dot: "bg-slate-400" },
};

/** A chat session's or an agent's status as a small coloured pill. */
export function StatusBadge({ status }: { status: SessionStatusName | AgentStatusName }) {
  const { label, tone, dot } = badges[status];
  return (
    <span data-status={status} className={`inline-flex shrink-0 items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone}`}>
      <span aria-hidden className={`h-1.5 w-1.5 rounded-full ${dot}`} />
      {label}
    </span>
  );
}
