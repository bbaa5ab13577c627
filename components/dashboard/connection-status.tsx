import type { ConnectionState } from "@/lib/browser/use-dashboard-socket.client";

const styles: Record<ConnectionState, { dot: string; label: string }> = {
  live: { dot: "bg-emerald-500", label: "Live" },
  connecting: { dot: "bg-amber-400 animate-pulse", label: "Connecting…" },
  offline: { dot: "bg-red-500", label: "Offline" },
};

export function ConnectionStatus({ state, detail }: { state: ConnectionState; detail?: string | null }) {
  const { dot, label } = styles[state];
  return (
    <span role="status" aria-live="polite" data-state={state} className="inline-flex items-center gap-2 rounded-full border border-slate-200 bg-white px-3 py-1 text-sm text-slate-700">
      <span aria-hidden className={`h-2.5 w-2.5 rounded-full ${dot}`} />
      {label}
      {detail ? <span className="text-slate-500">— {detail}</span> : null}
    </span>
  );
}
