import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../db/prisma-client.server";
import { loadWidget } from "../dashboard/load-widget.server";
import { nextDashboardVersion } from "../dashboard/next-version.server";
import { WIDGETS, type WidgetData, type WidgetName } from "../dashboard/widgets";
import { toAppError, type ErrorBody } from "../errors/app-error";
import { describeError, type Logger } from "../observability/logger";
import { businessRoom, widgetsRoom, type DashboardServerToClientEvents, type Phase, type WidgetLoadStatus } from "../realtime/events";
import type { DashboardSocket } from "../realtime/dashboard-socket.server";
import type { MembershipSummary } from "../tenancy/memberships.server";
import { rememberBusinessSelection, updateOrchestrationRecord } from "./orchestration-store.server";
import { openDashboardAssistantSession } from "./open-dashboard-assistant-session.server";

/** Thrown by an emit of an orchestration that is no longer the connection's current one. */
class OrchestrationCancelled extends Error {}

type TaggedEvent = Exclude<keyof DashboardServerToClientEvents, "dashboard.data_updated">;
type EventPayload<E extends TaggedEvent> = Omit<Parameters<DashboardServerToClientEvents[E]>[0], "orchestration_id">;

export interface OrchestrationContext {
  db: PrismaClient;
  socket: DashboardSocket;
  logger: Logger;
  orchestrationId: string;
  businessId: string;
  memberships: MembershipSummary[];
}

/**
 * Moves the socket into its business's room (leaving the previous business's rooms) after the
 * membership check; a dashboard also joins the business's widgets room.
 */
export async function joinBusinessRoom(socket: DashboardSocket, businessId: string, options: { widgets: boolean }): Promise<void> {
  const previous = socket.data.businessId;
  if (previous && previous !== businessId) {
    await socket.leave(businessRoom(previous));
    await socket.leave(widgetsRoom(previous));
  }
  await socket.join(options.widgets ? [businessRoom(businessId), widgetsRoom(businessId)] : businessRoom(businessId));
  socket.data.businessId = businessId;
}

/**
 * Out of its business's rooms at once (membership removed): no push of that business reaches it
 * after this, and its orchestration stops emitting. `businessId` stays, so the socket's further
 * events about that business answer like a business that does not exist.
 */
export function leaveBusinessRooms(socket: DashboardSocket): void {
  const businessId = socket.data.businessId;
  if (!businessId) return;
  // Leaving the in-memory adapter's rooms is synchronous.
  void socket.leave(businessRoom(businessId));
  void socket.leave(widgetsRoom(businessId));
  socket.data.orchestrationId = undefined;
}

/** Whether the socket is in its business's rooms (receives its pushes). */
export const inBusinessRooms = (socket: DashboardSocket) => !!socket.data.businessId && socket.rooms.has(businessRoom(socket.data.businessId));

/**
 * Runs company → data → llm for one connection. Before every emit it checks that this is still
 * the connection's current orchestration (a synchronous check, so once a newer one has been
 * acknowledged not a single event of this one reaches the client).
 */
export async function runOrchestration(ctx: OrchestrationContext): Promise<void> {
  const { db, socket, orchestrationId: id } = ctx;
  const isCurrent = () => socket.data.orchestrationId === id && socket.connected;
  const emit = <E extends TaggedEvent>(event: E, payload: EventPayload<E>) => {
    if (!isCurrent()) throw new OrchestrationCancelled();
    (socket.emit as (event: string, payload: unknown) => void)(event, { ...payload, orchestration_id: id });
  };
  const record = (patch: Parameters<typeof updateOrchestrationRecord>[2]) =>
    updateOrchestrationRecord(db, id, patch).catch((error: unknown) => ctx.logger.warn("orchestration state not saved", { id, error: describeError(error) }));

  let phase: Phase = "company";
  try {
    // Phase 1: company.
    let started = performance.now();
    emit("dashboard.phase_start", { phase });
    try {
      const business = await db.business.findUniqueOrThrow({ where: { id: ctx.businessId } });
      if (!isCurrent()) throw new OrchestrationCancelled();
      await joinBusinessRoom(socket, business.id, { widgets: true });
      await rememberBusinessSelection(db, socket.data.userId, business.id);
      const role = ctx.memberships.find((m) => m.businessId === business.id)?.role ?? "AGENT";
      emit("company.list", {
        companies: ctx.memberships.map((m) => ({ id: m.businessId, name: m.name, legal_name: m.legalName, is_default: m.businessId === business.id })),
      });
      emit("company.details", {
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
      emit("dashboard.phase_complete", { phase, duration_ms: Math.round(performance.now() - started) });
    } catch (error) {
      if (error instanceof OrchestrationCancelled) throw error;
      const body = toAppError(error).toBody();
      emit("dashboard.error", { phase, error: body });
      await record({ phase: "error", errors: [{ phase, ...body }] });
      return;
    }

    // Phase 2: data. Widgets load in parallel; one failing widget does not stop the others.
    phase = "data";
    started = performance.now();
    await record({ phase, businessId: ctx.businessId });
    emit("dashboard.phase_start", { phase });
    const version = await nextDashboardVersion(db);
    const statuses: Partial<Record<WidgetName, WidgetLoadStatus>> = {};
    const data: Partial<WidgetData> = {};
    const errors: Partial<Record<WidgetName, ErrorBody>> = {};
    for (const widget of WIDGETS) {
      statuses[widget] = "loading";
      emit("dashboard.data_loading_progress", { widget, status: "loading" });
    }
    // One "as of" instant for all six: consistent figures, and shared sub-queries run once.
    const asOf = new Date();
    await Promise.all(
      WIDGETS.map(async (widget) => {
        try {
          const value = await loadWidget(db, { businessId: ctx.businessId }, widget, asOf);
          (data as Record<string, unknown>)[widget] = value;
          statuses[widget] = "completed";
          emit("dashboard.data_loading_progress", { widget, status: "completed" });
        } catch (error) {
          if (error instanceof OrchestrationCancelled) throw error;
          const body = toAppError(error).toBody();
          if (body.code === "internal_error") ctx.logger.error("widget failed", { widget, error: describeError(error) });
          errors[widget] = body;
          statuses[widget] = "error";
          emit("dashboard.data_loading_progress", { widget, status: "error", error: body });
        }
      }),
    );
    const status = Object.keys(errors).length ? "partial" : "ok";
    emit("dashboard.full_data", { company_id: ctx.businessId, data, version, errors });
    emit("dashboard.phase_complete", { phase, duration_ms: Math.round(performance.now() - started), status });
    await record({
      phase: "llm",
      widgetsStatus: statuses,
      errors: (Object.entries(errors) as [WidgetName, ErrorBody][]).map(([widget, e]) => ({ phase: "data" as const, widget, code: e.code, message: e.message })),
    });

    // Phase 3: llm. Its failure is reported in its own phase and never touches the dashboard.
    phase = "llm";
    started = performance.now();
    emit("dashboard.phase_start", { phase });
    let llmStatus: "ok" | "error" = "ok";
    try {
      const sessionId = await openDashboardAssistantSession(db, { businessId: ctx.businessId, userId: socket.data.userId });
      emit("llm.session_ready", { session_id: sessionId, company_id: ctx.businessId });
    } catch (error) {
      if (error instanceof OrchestrationCancelled) throw error;
      llmStatus = "error";
      ctx.logger.warn("llm phase failed", { error: describeError(error) });
    }
    emit("dashboard.phase_complete", { phase, duration_ms: Math.round(performance.now() - started), status: llmStatus });
    await record({ phase: "completed" });
  } catch (error) {
    if (error instanceof OrchestrationCancelled) return;
    ctx.logger.error("orchestration failed", { id, phase, error: describeError(error) });
    await record({ phase: "error" });
  }
}

export const newOrchestrationId = () => randomUUID();
