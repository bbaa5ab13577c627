import type { WorkspaceAlert } from "@/lib/agent/workspace-state";

/** Refused actions and failed loads, each until dismissed. */
export function WorkspaceAlerts({ alerts, onDismiss }: { alerts: WorkspaceAlert[]; onDismiss: (id: string) => void }) {
  if (alerts.length === 0) return null;
  return (
    <ul className="space-y-2 px-4 pt-3">
      {alerts.map((alert) => (
        <li key={alert.id} role="alert" className="flex items-start justify-between gap-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <span className="[overflow-wrap:anywhere]">{alert.message}</span>
          <button
            type="button"
            onClick={() => onDismiss(alert.id)}
            className="shrink-0 rounded font-medium underline underline-offset-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-400"
          >
            Dismiss
          </button>
        </li>
      ))}
    </ul>
  );
}
