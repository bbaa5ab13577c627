import type { z } from "zod";
import type { AssistantConfig } from "../config/env.server";
import type { PrismaClient } from "../db/prisma-client.server";
import { buildWidgetUpdate } from "../dashboard/widget-update.server";
import { askDashboardAssistant } from "../dashboard-assistant/ask-dashboard-assistant.server";
import { WIDGETS } from "../dashboard/widgets";
import { AppError } from "../errors/app-error";
import { createRateLimiter } from "../http/rate-limit";
import { describeError, type Logger } from "../observability/logger";
import type { Metrics } from "../observability/metrics.server";
import { dashboardPayloads } from "../realtime/events";
import type { DashboardSocket } from "../realtime/dashboard-socket.server";
import { handleEvent } from "../realtime/handle-event.server";
import { requireMembership, type BusinessScope } from "../tenancy/memberships.server";
import { cancelOrchestrationsOf, startOrchestrationRecord } from "./orchestration-store.server";
import { resolveBusiness } from "./resolve-business.server";
import { newOrchestrationId, runOrchestration } from "./run-orchestration.server";

/** Questions one connection may ask the dashboard assistant per minute (each one reads widgets, maybe calls a model). */
const ASK_LIMIT_PER_MINUTE = 20;

export interface DashboardHandlerDeps {
  db: PrismaClient;
  logger: Logger;
  metrics: Metrics;
  assistant: AssistantConfig;
}

/** The orchestration protocol of DESIGN §6 for one staff connection. */
export function registerDashboardHandlers(socket: DashboardSocket, deps: DashboardHandlerDeps): void {
  const { db, logger } = deps;
  const on = <S extends z.ZodType, R extends object>(event: keyof typeof dashboardPayloads, schema: S, handler: (payload: z.infer<S>) => Promise<R>) =>
    socket.on(event, handleEvent(event, schema, handler, logger, deps.metrics) as never);

  /** The business this socket watches, re-checked against the database (memberships can be revoked). */
  async function currentScope(): Promise<BusinessScope> {
    if (!socket.data.businessId) throw new AppError("conflict", "No company selected yet: send dashboard.orchestrate_init first.");
    return requireMembership(db, socket.data.userId, socket.data.businessId);
  }

  // Start requests of one connection are handled strictly in arrival order, so the last one sent
  // is the one that runs, even when an earlier one's membership lookup happens to finish later.
  let startQueue: Promise<unknown> = Promise.resolve();
  function startOrchestration(requestedCompanyId: string | undefined) {
    const started = startQueue.then(async () => {
      // Resolving (and checking membership) first: a refused request leaves the running one alone.
      const { businessId, memberships } = await resolveBusiness(db, socket.data.userId, requestedCompanyId);
      const orchestrationId = newOrchestrationId();
      // From here on, the previous orchestration of this connection cannot emit anything.
      socket.data.orchestrationId = orchestrationId;
      await startOrchestrationRecord(db, { id: orchestrationId, userId: socket.data.userId, connectionKey: socket.id, businessId });
      // Started after the ack is sent (handleEvent acks when this handler resolves).
      setImmediate(() => void runOrchestration({ db, socket, logger, orchestrationId, businessId, memberships }));
      return { orchestrationId, businessId };
    });
    startQueue = started.catch(() => undefined);
    return started;
  }

  on("session.whoami", dashboardPayloads["session.whoami"], async () => ({ user: { id: socket.data.userId, email: socket.data.email, name: socket.data.name } }));

  on("dashboard.orchestrate_init", dashboardPayloads["dashboard.orchestrate_init"], async (payload) => {
    const { orchestrationId } = await startOrchestration(payload.company_id);
    return { orchestration_id: orchestrationId, message: "Orchestration started" };
  });

  on("dashboard.company_change", dashboardPayloads["dashboard.company_change"], async (payload) => {
    const { orchestrationId, businessId } = await startOrchestration(payload.company_id);
    return { orchestration_id: orchestrationId, company_id: businessId };
  });

  on("dashboard.refresh", dashboardPayloads["dashboard.refresh"], async (payload) => {
    const scope = await currentScope();
    const widgets = payload.widgets ?? [...WIDGETS];
    // Answered to this socket only; fresh from the database for every requested widget.
    setImmediate(() => {
      // One "as of" instant, as in the orchestration: consistent figures, shared sub-queries run once.
      const asOf = new Date();
      for (const widget of widgets) {
        buildWidgetUpdate(db, scope, widget, asOf).then(
          (update) => socket.data.businessId === scope.businessId && socket.emit("dashboard.data_updated", update),
          (error: unknown) => logger.error("refresh failed", { widget, error: describeError(error) }),
        );
      }
    });
    return { company_id: scope.businessId };
  });

  on("dashboard.request_update", dashboardPayloads["dashboard.request_update"], async (payload) => {
    const scope = await currentScope();
    const update = await buildWidgetUpdate(db, scope, payload.widget);
    if (socket.data.businessId === scope.businessId) socket.emit("dashboard.data_updated", update);
    return update;
  });

  // Per connection, so it goes away with the socket.
  const askLimiter = createRateLimiter({ limit: ASK_LIMIT_PER_MINUTE, windowMs: 60_000, what: "questions to the dashboard assistant" });
  on("llm.ask", dashboardPayloads["llm.ask"], async (payload) => {
    askLimiter.take(socket.id);
    const answer = await askDashboardAssistant(deps, {
      userId: socket.data.userId,
      businessId: socket.data.businessId,
      conversationId: payload.session_id,
      question: payload.question,
    });
    return { answer };
  });

  socket.on("disconnect", () => {
    socket.data.orchestrationId = undefined;
    void cancelOrchestrationsOf(db, socket.data.userId, socket.id).catch(() => undefined);
  });
}
