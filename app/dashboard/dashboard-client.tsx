"use client";

import { memo, useMemo, useState } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { StaffNav } from "@/components/ui/staff-nav";
import { ActiveSessionsPanel } from "@/components/dashboard/active-sessions-panel";
import { AgentPerformancePanel } from "@/components/dashboard/agent-performance-panel";
import { ConnectionHealth } from "@/components/dashboard/connection-health";
import { DashboardAssistantPanel } from "@/components/dashboard/dashboard-assistant-panel";
import { ConnectionStatus } from "@/components/dashboard/connection-status";
import { MessageAnalyticsPanel } from "@/components/dashboard/message-analytics-panel";
import { OverviewPanel } from "@/components/dashboard/overview-panel";
import { formatClock, type PanelFrame, type PanelStatus } from "@/components/dashboard/panel";
import { ProgressStrip } from "@/components/dashboard/progress-strip";
import { SatisfactionPanel } from "@/components/dashboard/satisfaction-panel";
import { WaitingQueuePanel } from "@/components/dashboard/waiting-queue-panel";
import { BusinessSwitcher } from "@/components/ui/business-switcher";
import { Button } from "@/components/ui/button";
import { DemoBadge } from "@/components/ui/demo-badge";
import type { DashboardSnapshot } from "@/lib/dashboard/dashboard-state";
import { DashboardQueryProvider, useDashboardData } from "@/lib/dashboard/use-dashboard-data.client";
import { WIDGETS, type WidgetName } from "@/lib/contract/widgets";

interface Props {
  user: { name: string; email: string };
  snapshot: DashboardSnapshot | null;
  /** The user's businesses the demo seed made: the header labels them while one is shown. */
  demoBusinessIds: string[];
}

// Each panel re-renders only when its own props change (its widget's data, status, update time):
// a push for one widget leaves the others, and their charts, alone.
const Overview = memo(OverviewPanel);
const WaitingQueue = memo(WaitingQueuePanel);
const ActiveSessions = memo(ActiveSessionsPanel);
const AgentPerformance = memo(AgentPerformancePanel);
const Satisfaction = memo(SatisfactionPanel);
const MessageAnalytics = memo(MessageAnalyticsPanel);
const DashboardAssistant = memo(DashboardAssistantPanel);

export function DashboardClient(props: Props) {
  return (
    <DashboardQueryProvider>
      <Dashboard {...props} />
    </DashboardQueryProvider>
  );
}

function Dashboard({ user, snapshot, demoBusinessIds }: Props) {
  const dashboard = useDashboardData(snapshot);
  const { orchestration, widgets, connection } = dashboard;
  const [refreshNote, setRefreshNote] = useState<string | null>(null);
  const { retry } = dashboard;
  const retries = useMemo(() => Object.fromEntries(WIDGETS.map((widget) => [widget, () => retry(widget)])) as Record<WidgetName, () => void>, [retry]);

  const frame = (widget: WidgetName): PanelFrame => {
    const loadStatus = orchestration.widgets[widget];
    const status: PanelStatus = loadStatus === "idle" ? (widgets[widget] ? "completed" : "loading") : loadStatus === "loading" && widgets[widget] ? "completed" : loadStatus;
    return { status, updatedAt: widgets[widget]?.updated_at, error: orchestration.widgetErrors[widget], onRetry: retries[widget] };
  };
  // The newest data shown, for "offline — showing data from HH:MM:SS".
  const newest = Object.values(widgets)
    .map((e) => e?.updated_at)
    .filter((t): t is string => !!t)
    .sort()
    .at(-1);
  const offlineDetail = dashboard.polling || connection === "offline" ? (newest ? `showing data from ${formatClock(newest)}` : dashboard.connectionError) : null;

  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-4 px-4 py-3">
          <div className="flex flex-wrap items-center gap-3">
            <span className="text-lg font-semibold">Switchboard</span>
            {dashboard.companyId && demoBusinessIds.includes(dashboard.companyId) ? <DemoBadge /> : null}
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <ConnectionStatus state={connection} detail={offlineDetail} />
            <StaffNav current="/dashboard" companyId={dashboard.companyId ?? undefined} />
            <span className="hidden text-sm text-slate-600 sm:inline">{user.email}</span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-semibold">Welcome, {user.name}</h1>
          <div className="flex flex-wrap items-center gap-3">
            <BusinessSwitcher businesses={orchestration.companies} value={dashboard.companyId} onChange={dashboard.switchCompany} />
            <Button variant="secondary" disabled={connection !== "live"} onClick={() => setRefreshNote(dashboard.refresh() ? "Refreshing…" : "Just refreshed — try again in a few seconds.")}>
              Refresh
            </Button>
          </div>
        </div>
        <div className="mt-3 flex flex-wrap items-center justify-between gap-2">
          <ProgressStrip orchestration={orchestration} />
          <p role="status" className="text-xs text-slate-600">
            {refreshNote}
          </p>
        </div>
        <div className="mt-4 grid grid-cols-1 gap-4 lg:grid-cols-3">
          <Overview data={widgets.overview?.data} {...frame("overview")} />
          <WaitingQueue data={widgets.waiting_queue?.data} {...frame("waiting_queue")} />
          <ActiveSessions data={widgets.active_sessions?.data} {...frame("active_sessions")} />
          <AgentPerformance data={widgets.agent_performance?.data} {...frame("agent_performance")} />
          <Satisfaction data={widgets.satisfaction?.data} {...frame("satisfaction")} />
          <MessageAnalytics data={widgets.message_analytics?.data} {...frame("message_analytics")} />
          <DashboardAssistant key={dashboard.companyId ?? "none"} sessionId={orchestration.assistantSessionId} phase={orchestration.phases.llm} ask={dashboard.askAssistant} />
        </div>
        <ConnectionHealth connection={connection} polling={dashboard.polling} widgets={widgets} />
      </main>
    </div>
  );
}
