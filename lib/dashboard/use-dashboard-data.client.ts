"use client";

import { QueryClient, QueryClientProvider, useQueries, useQueryClient } from "@tanstack/react-query";
import { createElement, useCallback, useReducer, useRef, useState, type Dispatch, type ReactNode, type RefObject } from "react";
import { adminApiUrl, fetchJson } from "../browser/fetch-json";
import { useDashboardSocket, type ConnectionState, type DashboardConnection, type DashboardSocket } from "../browser/use-dashboard-socket.client";
import type { Ack } from "../contract/ack";
import type { DashboardAssistantAnswer } from "../contract/dashboard";
import { WIDGETS, type WidgetName } from "../contract/widgets";
import {
  acceptsUpdate,
  dashboardQueryKey,
  initialOrchestrationState,
  orchestrationReducer,
  pollDelay,
  throttle,
  type DashboardSnapshot,
  type OrchestrationAction,
  type OrchestrationState,
  type WidgetEntries,
  type WidgetEntry,
} from "./dashboard-state";
import { widgetByRoute } from "./http-widget-routes";
import { applyQueueUpdate } from "./queue-update";

/** One QueryClient per tab: the dashboard's widget cache (pushes and the HTTP fallback write into it). */
export function DashboardQueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: Infinity } } }));
  return createElement(QueryClientProvider, { client }, children);
}

const routeOf = Object.fromEntries(Object.entries(widgetByRoute).map(([route, widget]) => [widget, route])) as Record<WidgetName, string>;

/** How long each widget's data counts as fresh for the HTTP fallback (queue and sessions move by the second). */
const freshness: Record<WidgetName, number> = {
  overview: 15_000,
  active_sessions: 5_000,
  waiting_queue: 5_000,
  agent_performance: 60_000,
  satisfaction: 120_000,
  message_analytics: 120_000,
};

async function fetchWidget(companyId: string, widget: WidgetName, current: WidgetEntry | undefined): Promise<WidgetEntry> {
  const update = await fetchJson<WidgetEntry & { company_id: string }>(adminApiUrl(`chat-dashboard/${routeOf[widget]}`, companyId));
  // Never replace what is shown with something older.
  return current && !acceptsUpdate(current, update) ? current : { data: update.data, version: update.version, updated_at: update.updated_at };
}

/** How long the panel waits for an answer: past the server's default model timeout (30 s) plus reading the widgets. */
const ASK_TIMEOUT_MS = 45_000;

export type AskAssistant = (sessionId: string, question: string) => Promise<Ack<{ answer: DashboardAssistantAnswer }>>;

export interface DashboardData {
  connection: ConnectionState;
  /** The socket is down after having been up: widgets come from HTTP polling meanwhile. */
  polling: boolean;
  connectionError: string | null;
  orchestration: OrchestrationState;
  companyId: string | null;
  widgets: WidgetEntries;
  switchCompany: (companyId: string) => void;
  /** Refreshes every widget; throttled (returns false when dropped). */
  refresh: () => boolean;
  retry: (widget: WidgetName) => void;
  /** Asks the dashboard assistant (llm.ask); every failure comes back as an error ack, never a throw. */
  askAssistant: AskAssistant;
}

type StartOrchestration = (socket: DashboardSocket, companyId: string | null, change: boolean) => void;

/**
 * The orchestration over the one /dashboard socket: re-run on every (re)connect, so every widget
 * is re-synced (older pushes are dropped by version); its progress goes to the reducer, its data
 * and every later push into the query cache. `companyRef` is the business asked for, read
 * synchronously by the listeners: data of any other one is dropped.
 */
function useOrchestration(dispatch: Dispatch<OrchestrationAction>, companyRef: RefObject<string | null>) {
  const queryClient = useQueryClient();
  const requestSeq = useRef(0);
  // Set on the first connect: from then on, whenever the socket is down the HTTP fallback polls.
  const [everConnected, setEverConnected] = useState(false);

  const write = useCallback(
    (companyId: string, widget: WidgetName, entry: WidgetEntry) => {
      if (companyId !== companyRef.current) return;
      const key = dashboardQueryKey(companyId, widget);
      const current = queryClient.getQueryData<WidgetEntry>(key);
      if (acceptsUpdate(current, entry)) queryClient.setQueryData(key, entry);
    },
    [companyRef, queryClient],
  );

  const start = useCallback<StartOrchestration>(
    (socket, companyId, change) => {
      const seq = ++requestSeq.current;
      companyRef.current = companyId;
      dispatch({ type: "start", companyId });
      const onAck = (ack: Ack<{ orchestration_id: string; company_id?: string }>) => {
        if (seq !== requestSeq.current) return;
        if (ack.success) {
          if (ack.company_id) companyRef.current = ack.company_id;
          dispatch({ type: "acked", orchestrationId: ack.orchestration_id, companyId: ack.company_id });
        } else dispatch({ type: "failed", message: ack.error.message });
      };
      if (change && companyId) socket.emit("dashboard.company_change", { company_id: companyId }, onAck);
      else socket.emit("dashboard.orchestrate_init", companyId ? { company_id: companyId } : {}, onAck);
    },
    [companyRef, dispatch],
  );

  const connection = useDashboardSocket((socket) => {
    socket.on("connect", () => {
      setEverConnected(true);
      start(socket, companyRef.current, false);
    });
    socket.on("dashboard.phase_start", (p) => dispatch({ type: "phase_start", orchestrationId: p.orchestration_id, phase: p.phase }));
    socket.on("dashboard.phase_complete", (p) => dispatch({ type: "phase_complete", orchestrationId: p.orchestration_id, phase: p.phase, status: p.status }));
    socket.on("company.list", (p) => dispatch({ type: "companies", orchestrationId: p.orchestration_id, companies: p.companies }));
    socket.on("company.details", (p) => dispatch({ type: "company", orchestrationId: p.orchestration_id, company: p.company }));
    socket.on("dashboard.data_loading_progress", (p) => dispatch({ type: "widget", orchestrationId: p.orchestration_id, widget: p.widget, status: p.status, error: p.error?.message }));
    socket.on("llm.session_ready", (p) => dispatch({ type: "assistant_session", orchestrationId: p.orchestration_id, sessionId: p.session_id }));
    socket.on("dashboard.error", (p) => dispatch({ type: "error", orchestrationId: p.orchestration_id, phase: p.phase, message: p.error.message }));
    socket.on("dashboard.full_data", (p) => {
      const updatedAt = new Date().toISOString();
      for (const widget of WIDGETS) {
        const data = p.data[widget];
        if (data !== undefined) write(p.company_id, widget, { data, version: p.version, updated_at: updatedAt } as WidgetEntry);
      }
    });
    socket.on("dashboard.data_updated", (p) => {
      write(p.company_id, p.widget, { data: p.data, version: p.version, updated_at: p.updated_at } as WidgetEntry);
      if (p.company_id === companyRef.current) dispatch({ type: "widget_ok", widget: p.widget });
    });
    // The Waiting queue panel follows the queue at once; the widget's own push (coalesced on the server) comes later.
    socket.on("queue.updated", (p) => {
      const current = queryClient.getQueryData<WidgetEntry<"waiting_queue">>(dashboardQueryKey(p.company_id, "waiting_queue"));
      const next = current && applyQueueUpdate(current, p, new Date().toISOString());
      if (next && next !== current) write(p.company_id, "waiting_queue", next);
    });
  });

  return { connection, everConnected, start };
}

/** The widgets shown: server-first paint from the snapshot, then the cache; HTTP polling (with backoff) only while `polling`. */
function useWidgets(snapshot: DashboardSnapshot | null, companyId: string | null, polling: boolean): WidgetEntries {
  const queryClient = useQueryClient();
  return useQueries({
    queries: WIDGETS.map((widget) => ({
      queryKey: dashboardQueryKey(companyId ?? "none", widget),
      queryFn: () => fetchWidget(companyId ?? "", widget, queryClient.getQueryData<WidgetEntry>(dashboardQueryKey(companyId ?? "none", widget))),
      initialData: snapshot && companyId === snapshot.companyId ? snapshot.widgets[widget] : undefined,
      enabled: polling && companyId !== null,
      staleTime: freshness[widget],
      refetchInterval: polling ? (query: { state: { fetchFailureCount: number } }) => pollDelay(query.state.fetchFailureCount) : (false as const),
    })),
    combine: (results) => {
      const entries: WidgetEntries = {};
      WIDGETS.forEach((widget, i) => {
        const data = results[i].data as WidgetEntry | undefined;
        if (data) (entries as Record<string, WidgetEntry>)[widget] = data;
      });
      return entries;
    },
  });
}

/** What the user can ask of the dashboard: over the socket when it is up, else from the HTTP fallback (or refused). */
function useDashboardCommands(
  { socketRef }: DashboardConnection,
  dispatch: Dispatch<OrchestrationAction>,
  companyRef: RefObject<string | null>,
  start: StartOrchestration,
): Pick<DashboardData, "switchCompany" | "refresh" | "retry" | "askAssistant"> {
  const queryClient = useQueryClient();

  const switchCompany = useCallback(
    (id: string) => {
      const socket = socketRef.current;
      if (socket?.connected) start(socket, id, true);
      else {
        companyRef.current = id;
        dispatch({ type: "start", companyId: id });
      }
    },
    [companyRef, dispatch, socketRef, start],
  );

  const [throttledRefresh] = useState(() => throttle((socket: DashboardSocket | null) => socket?.emit("dashboard.refresh", {}, () => undefined), 5_000));
  const refresh = useCallback(() => throttledRefresh(socketRef.current), [throttledRefresh, socketRef]);

  const retry = useCallback(
    (widget: WidgetName) => {
      const socket = socketRef.current;
      dispatch({ type: "widget_retry", widget });
      if (socket?.connected) {
        socket.emit("dashboard.request_update", { widget }, (ack) => {
          if (ack.success) dispatch({ type: "widget_ok", widget });
          else dispatch({ type: "widget_error", widget, error: ack.error.message });
        });
      } else if (companyRef.current) void queryClient.refetchQueries({ queryKey: dashboardQueryKey(companyRef.current, widget) });
    },
    [companyRef, dispatch, queryClient, socketRef],
  );

  const askAssistant = useCallback<AskAssistant>(
    async (sessionId, question) => {
      const socket = socketRef.current;
      if (!socket?.connected) return { success: false, error: { code: "unavailable", message: "Not connected: ask again once the dashboard is live." } };
      try {
        return await socket.timeout(ASK_TIMEOUT_MS).emitWithAck("llm.ask", { session_id: sessionId, question });
      } catch {
        return { success: false, error: { code: "assistant_unavailable", message: "No answer arrived in time; try again." } };
      }
    },
    [socketRef],
  );

  return { switchCompany, refresh, retry, askAssistant };
}

/** The dashboard page's data: the orchestration and live pushes over the socket, HTTP polling while it is down. */
export function useDashboardData(snapshot: DashboardSnapshot | null): DashboardData {
  const [orchestration, dispatch] = useReducer(orchestrationReducer, snapshot, (s) => initialOrchestrationState(s?.companyId ?? null, s?.companies ?? []));
  const companyRef = useRef<string | null>(snapshot?.companyId ?? null);
  const { connection, everConnected, start } = useOrchestration(dispatch, companyRef);
  const polling = everConnected && connection.state !== "live";
  const widgets = useWidgets(snapshot, orchestration.companyId, polling);
  const commands = useDashboardCommands(connection, dispatch, companyRef, start);
  return { connection: connection.state, polling, connectionError: connection.error, orchestration, companyId: orchestration.companyId, widgets, ...commands };
}
