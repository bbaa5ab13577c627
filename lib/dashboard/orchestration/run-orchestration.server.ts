import { randomUUID } from "node:crypto";
import type { DashboardServerToClientEvents, Phase, WidgetLoadStatus } from "../../contract/dashboard";
import { WIDGETS, type WidgetData, type WidgetName } from "../../contract/widgets";
import type { PrismaClient } from "../../db/prisma-client.server";
import { toAppError, type ErrorBody } from "../../errors/app-error";
import { describeError, type Logger } from "../../observability/logger";
import { rememberBusinessSelection } from "../../tenancy/business-selection.server";
import type { BusinessScope, MembershipSummary } from "../../tenancy/memberships.server";
import type { StaffConnection } from "../../tenancy/staff-connection";
import { loadWidget } from "../load-widget.server";
import { nextDashboardVersion } from "../next-version.server";
import { openDashboardAssistantSession } from "./open-dashboard-assistant-session.server";
import { updateOrchestrationRecord } from "./orchestration-store.server";

/** Thrown by an emit of an orchestration that is no longer the connection's current one. */
class OrchestrationCancelled extends Error {}

type TaggedEvent = Exclude<keyof DashboardServerToClientEvents, "dashboard.data_updated">;
type TaggedPayload<E extends TaggedEvent> = Omit<Parameters<DashboardServerToClientEvents[E]>[0], "orchestration_id">;

export interface OrchestrationContext {
  db: PrismaClient;
  connection: StaffConnection;
  logger: Logger;
  orchestrationId: string;
  /** The business to load, its membership checked. */
  scope: BusinessScope;
  memberships: MembershipSummary[];
}

/** One orchestration's view of its connection: emits only while it is still the current one. */
function orchestrationSteps(ctx: OrchestrationContext) {
  const { db, connection, orchestrationId: id } = ctx;
  const isCurrent = () => connection.orchestrationId === id && connection.connected;
  return {
    isCurrent,
    emit<E extends TaggedEvent>(event: E, payload: TaggedPayload<E>) {
      if (!isCurrent()) throw new OrchestrationCancelled();
      connection.emit(event, ...([{ ...payload, orchestration_id: id }] as Parameters<DashboardServerToClientEvents[E]>));
    },
    record: (patch: Parameters<typeof updateOrchestrationRecord>[2]) =>
      updateOrchestrationRecord(db, id, patch).catch((error: unknown) => ctx.logger.warn("orchestration state not saved", { id, error: describeError(error) })),
  };
}
type Steps = ReturnType<typeof orchestrationSteps>;

/** Phase 1: the business (membership already checked) and the list to switch between. False when it failed. */
async function companyPhase(ctx: OrchestrationContext, steps: Steps): Promise<boolean> {
  const phase = "company";
  const started = performance.now();
  steps.emit("dashboard.phase_start", { phase });
  try {
    const business = await ctx.db.business.findUniqueOrThrow({ where: { id: ctx.scope.businessId } });
    if (!steps.isCurrent()) throw new OrchestrationCancelled();
    await ctx.connection.watchBusiness(business.id, { widgets: true });
    await rememberBusinessSelection(ctx.db, ctx.connection.userId, business.id);
    const role = ctx.memberships.find((m) => m.businessId === business.id)?.role ?? "AGENT";
    steps.emit("company.list", {
      companies: ctx.memberships.map((m) => ({ id: m.businessId, name: m.name, legal_name: m.legalName, is_default: m.businessId === business.id })),
    });
    steps.emit("company.details", {
      company: {
        id: business.id,
        slug: business.slug,
        name: business.name,
        legal_name: business.legalName,
        currency: business.currency,
        timezone: business.timezone,
        role,
        settings: (business.settings ?? {}) as Record<string, unknown>,
      },
    });
    steps.emit("dashboard.phase_complete", { phase, duration_ms: Math.round(performance.now() - started) });
    return true;
  } catch (error) {
    if (error instanceof OrchestrationCancelled) throw error;
    const body = toAppError(error).toBody();
    steps.emit("dashboard.error", { phase, error: body });
    await steps.record({ phase: "error", errors: [{ phase, ...body }] });
    return false;
  }
}

/** Phase 2: the six widgets in parallel, as of one instant; a failing widget does not stop the others. */
async function dataPhase(ctx: OrchestrationContext, steps: Steps): Promise<void> {
  const phase = "data";
  const started = performance.now();
  await steps.record({ phase, businessId: ctx.scope.businessId });
  steps.emit("dashboard.phase_start", { phase });
  const version = await nextDashboardVersion(ctx.db);
  const statuses: Partial<Record<WidgetName, WidgetLoadStatus>> = {};
  const data: Partial<WidgetData> = {};
  const errors: Partial<Record<WidgetName, ErrorBody>> = {};
  for (const widget of WIDGETS) {
    statuses[widget] = "loading";
    steps.emit("dashboard.data_loading_progress", { widget, status: "loading" });
  }
  // One "as of" instant for all six: consistent figures, and shared sub-queries run once.
  const asOf = new Date();
  await Promise.all(
    WIDGETS.map(async (widget) => {
      try {
        const value = await loadWidget(ctx.db, ctx.scope, widget, asOf);
        (data as Record<string, unknown>)[widget] = value;
        statuses[widget] = "completed";
        steps.emit("dashboard.data_loading_progress", { widget, status: "completed" });
      } catch (error) {
        if (error instanceof OrchestrationCancelled) throw error;
        const body = toAppError(error).toBody();
        if (body.code === "internal_error") ctx.logger.error("widget failed", { widget, error: describeError(error) });
        errors[widget] = body;
        statuses[widget] = "error";
        steps.emit("dashboard.data_loading_progress", { widget, status: "error", error: body });
      }
    }),
  );
  const status = Object.keys(errors).length ? "partial" : "ok";
  steps.emit("dashboard.full_data", { company_id: ctx.scope.businessId, data, version, errors });
  steps.emit("dashboard.phase_complete", { phase, duration_ms: Math.round(performance.now() - started), status });
  await steps.record({
    phase: "llm",
    widgetsStatus: statuses,
    errors: (Object.entries(errors) as [WidgetName, ErrorBody][]).map(([widget, e]) => ({ phase: "data" as const, widget, code: e.code, message: e.message })),
  });
}

/** Phase 3: the dashboard assistant's session. Its failure stays in its own phase and never touches the dashboard. */
async function llmPhase(ctx: OrchestrationContext, steps: Steps): Promise<void> {
  const phase = "llm";
  const started = performance.now();
  steps.emit("dashboard.phase_start", { phase });
  let status: "ok" | "error" = "ok";
  try {
    const sessionId = await openDashboardAssistantSession(ctx.db, { ...ctx.scope, userId: ctx.connection.userId });
    steps.emit("llm.session_ready", { session_id: sessionId, company_id: ctx.scope.businessId });
  } catch (error) {
    if (error instanceof OrchestrationCancelled) throw error;
    status = "error";
    ctx.logger.warn("llm phase failed", { error: describeError(error) });
  }
  steps.emit("dashboard.phase_complete", { phase, duration_ms: Math.round(performance.now() - started), status });
  await steps.record({ phase: "completed" });
}

/**
 * Runs company → data → llm for one connection. Before every emit it checks that this is still
 * the connection's current orchestration (a synchronous check, so once a newer one has been
 * acknowledged not a single event of this one reaches the client).
 */
export async function runOrchestration(ctx: OrchestrationContext): Promise<void> {
  const steps = orchestrationSteps(ctx);
  let phase: Phase = "company";
  try {
    if (!(await companyPhase(ctx, steps))) return;
    phase = "data";
    await dataPhase(ctx, steps);
    phase = "llm";
    await llmPhase(ctx, steps);
  } catch (error) {
    if (error instanceof OrchestrationCancelled) return;
    ctx.logger.error("orchestration failed", { id: ctx.orchestrationId, phase, error: describeError(error) });
    await steps.record({ phase: "error" });
  }
}

export const newOrchestrationId = () => randomUUID();
