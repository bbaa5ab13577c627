import type { OrchestrationState, PhaseStatus } from "@/lib/dashboard/dashboard-state";
import { PHASES } from "@/lib/contract/dashboard";

const phaseLabels = { company: "Company", data: "Data", llm: "Assistant" } as const;
const tones: Record<PhaseStatus, string> = {
  pending: "bg-slate-100 text-slate-600",
  running: "bg-amber-50 text-amber-800 ring-1 ring-amber-200",
  done: "bg-emerald-50 text-emerald-800 ring-1 ring-emerald-200",
  error: "bg-red-50 text-red-800 ring-1 ring-red-200",
};
const statusLabels: Record<PhaseStatus, string> = { pending: "pending", running: "loading", done: "done", error: "failed" };

/** The orchestration made visible: company → data → assistant, each phase's state. */
export function ProgressStrip({ orchestration }: { orchestration: OrchestrationState }) {
  return (
    <ol aria-label="Dashboard loading progress" className="flex flex-wrap items-center gap-2 text-xs">
      {PHASES.map((phase, i) => {
        const status = orchestration.phases[phase];
        return (
          <li key={phase} data-phase={phase} data-status={status} className={`rounded-full px-2.5 py-1 font-medium ${tones[status]}`}>
            {i + 1}. {phaseLabels[phase]}: {statusLabels[status]}
          </li>
        );
      })}
      {orchestration.error ? <li className="text-red-800">{orchestration.error}</li> : null}
    </ol>
  );
}
