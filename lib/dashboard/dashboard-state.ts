/**
 * The dashboard client's state rules, free of React and sockets (unit-tested): which widget data
 * may replace which (versions only grow), and the orchestration progress reducer (DESIGN §6).
 * Universal.
 */
import type { CompanyDetails, CompanySummary, Phase, WidgetLoadStatus } from "../contract/dashboard";
import { WIDGETS, type WidgetData, type WidgetName } from "../contract/widgets";

/** One widget's data as shown: what a `dashboard.data_updated` push or the HTTP fallback carries. */
export interface WidgetEntry<W extends WidgetName = WidgetName> {
  data: WidgetData[W];
  version: number;
  updated_at: string;
}

export type WidgetEntries = { [W in WidgetName]?: WidgetEntry<W> };

/** The server-rendered first paint: one business's widgets straight from the database. */
export interface DashboardSnapshot {
  companyId: string;
  companies: CompanySummary[];
  widgets: WidgetEntries;
}

/** Whether `next` may replace `current`: never an older version over a newer one. */
export function acceptsUpdate(current: { version: number } | undefined, next: { version: number }): boolean {
  return current === undefined || next.version >= current.version;
}

export const dashboardQueryKey = (companyId: string, widget: WidgetName) => ["dashboard", companyId, widget] as const;

export type PhaseStatus = "pending" | "running" | "done" | "error";

export interface OrchestrationState {
  orchestrationId: string | null;
  /** The business asked for (the switcher's value); data of any other business is ignored. */
  companyId: string | null;
  phases: Record<Phase, PhaseStatus>;
  widgets: Record<WidgetName, WidgetLoadStatus | "idle">;
  widgetErrors: Partial<Record<WidgetName, string>>;
  companies: CompanySummary[];
  company: CompanyDetails | null;
  error: string | null;
  /** The "ask about your dashboard" session of this orchestration (llm.session_ready); null until it arrives. */
  assistantSessionId: string | null;
}

const idlePhases = (): Record<Phase, PhaseStatus> => ({ company: "pending", data: "pending", llm: "pending" });
const idleWidgets = () => Object.fromEntries(WIDGETS.map((w) => [w, "idle"])) as Record<WidgetName, "idle">;

export function initialOrchestrationState(companyId: string | null, companies: CompanySummary[] = []): OrchestrationState {
  return { orchestrationId: null, companyId, phases: idlePhases(), widgets: idleWidgets(), widgetErrors: {}, companies, company: null, error: null, assistantSessionId: null };
}

export type OrchestrationAction =
  | { type: "start"; companyId: string | null }
  | { type: "acked"; orchestrationId: string; companyId?: string }
  | { type: "phase_start"; orchestrationId: string; phase: Phase }
  | { type: "phase_complete"; orchestrationId: string; phase: Phase; status?: "ok" | "partial" | "error" }
  | { type: "companies"; orchestrationId: string; companies: CompanySummary[] }
  | { type: "company"; orchestrationId: string; company: CompanyDetails }
  | { type: "widget"; orchestrationId: string; widget: WidgetName; status: WidgetLoadStatus; error?: string }
  | { type: "error"; orchestrationId: string; phase: Phase; message: string }
  | { type: "assistant_session"; orchestrationId: string; sessionId: string }
  | { type: "failed"; message: string }
  | { type: "widget_retry"; widget: WidgetName }
  | { type: "widget_ok"; widget: WidgetName }
  | { type: "widget_error"; widget: WidgetName; error: string };

/** Events of any orchestration other than the last acknowledged one are dropped. */
export function orchestrationReducer(state: OrchestrationState, action: OrchestrationAction): OrchestrationState {
  if ("orchestrationId" in action && action.type !== "acked" && action.orchestrationId !== state.orchestrationId) return state;
  switch (action.type) {
    case "start":
      return { ...initialOrchestrationState(action.companyId, state.companies), phases: { company: "running", data: "pending", llm: "pending" } };
    case "acked":
      return { ...state, orchestrationId: action.orchestrationId, companyId: action.companyId ?? state.companyId };
    case "phase_start":
      return { ...state, phases: { ...state.phases, [action.phase]: "running" } };
    case "phase_complete":
      return { ...state, phases: { ...state.phases, [action.phase]: action.status === "error" ? "error" : "done" } };
    case "companies": {
      const selected = action.companies.find((c) => c.is_default)?.id ?? state.companyId;
      return { ...state, companies: action.companies, companyId: selected };
    }
    case "company":
      return { ...state, company: action.company, companyId: action.company.id };
    case "widget": {
      const widgetErrors = { ...state.widgetErrors };
      if (action.status === "error") widgetErrors[action.widget] = action.error ?? "Could not load";
      else delete widgetErrors[action.widget];
      return { ...state, widgets: { ...state.widgets, [action.widget]: action.status }, widgetErrors };
    }
    case "error":
      return { ...state, phases: { ...state.phases, [action.phase]: "error" }, error: action.message };
    case "assistant_session":
      return { ...state, assistantSessionId: action.sessionId };
    case "failed":
      return { ...state, phases: { ...state.phases, company: state.phases.company === "running" ? "error" : state.phases.company }, error: action.message };
    case "widget_retry":
      return { ...state, widgets: { ...state.widgets, [action.widget]: "loading" } };
    case "widget_error":
      return { ...state, widgets: { ...state.widgets, [action.widget]: "error" }, widgetErrors: { ...state.widgetErrors, [action.widget]: action.error } };
    case "widget_ok": {
      const widgetErrors = { ...state.widgetErrors };
      delete widgetErrors[action.widget];
      return { ...state, widgets: { ...state.widgets, [action.widget]: "completed" }, widgetErrors };
    }
  }
}

/** Calls `fn` at most once per `ms`; calls in between are dropped (returns whether it ran). */
export function throttle<A extends unknown[]>(fn: (...args: A) => void, ms: number, now: () => number = Date.now): (...args: A) => boolean {
  let last = -Infinity;
  return (...args: A) => {
    const t = now();
    if (t - last < ms) return false;
    last = t;
    fn(...args);
    return true;
  };
}

/** Polling delay while offline: 5 s, doubling per consecutive failure, at most 60 s. */
export function pollDelay(failures: number): number {
  return Math.min(60_000, 5_000 * 2 ** Math.max(0, failures));
}
