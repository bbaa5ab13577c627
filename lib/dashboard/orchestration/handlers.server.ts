import type { AssistantConfig } from "../../config/env.server";
import { dashboardPayloads, type DashboardClientToServerEvents } from "../../contract/dashboard";
import type { HandlerTable } from "../../contract/handlers";
import { WIDGETS } from "../../contract/widgets";
import type { PrismaClient } from "../../db/prisma-client.server";
import { AppError } from "../../errors/app-error";
import { createRateLimiter } from "../../http/rate-limit";
import { describeError, type Logger } from "../../observability/logger";
import { requireMembership, type BusinessScope } from "../../tenancy/memberships.server";
import { resolveBusiness } from "../../tenancy/resolve-business.server";
import type { StaffConnection } from "../../tenancy/staff-connection";
import { askDashboardAssistant } from "../assistant/ask-dashboard-assistant.server";
import { buildWidgetUpdate } from "../widget-update.server";
import { cancelOrchestrationsOf, startOrchestrationRecord } from "./orchestration-store.server";
import { newOrchestrationId, runOrchestration } from "./run-orchestration.server";

/** Questions one connection may ask the dashboard assistant per minute (each one reads widgets, maybe calls a model). */
const ASK_LIMIT_PER_MINUTE = 20;

export interface DashboardHandlerDeps {
  db: PrismaClient;
  logger: Logger;
  assistant: AssistantConfig;
}

/**
 * Starts orchestrations on one connection. Start requests are handled strictly in arrival order,
 * so the last one sent is the one that runs, even when an earlier one's membership lookup happens
 * to finish later; a refused request (membership) leaves the running one alone.
 */
function orchestrationStarter(connection: StaffConnection, { db, logger }: DashboardHandlerDeps) {
  let startQueue: Promise<unknown> = Promise.resolve();
  return (requestedCompanyId: string | undefined) => {
    const started = startQueue.then(async () => {
      const { businessId, scope, memberships } = await resolveBusiness(db, connection.userId, requestedCompanyId);
      const orchestrationId = newOrchestrationId();
      // From here on, the previous orchestration of this connection cannot emit anything.
      connection.orchestrationId = orchestrationId;
      await startOrchestrationRecord(db, { id: orchestrationId, userId: connection.userId, connectionKey: connection.id, businessId });
      // Started after the ack is sent (the ack goes out when this handler resolves).
      setImmediate(() => void runOrchestration({ db, connection, logger, orchestrationId, scope, memberships }));
      return { orchestrationId, businessId };
    });
    startQueue = started.catch(() => undefined);
    return started;
  };
}

/** The orchestration protocol of DESIGN §6 on one staff connection. */
export function dashboardHandlers(connection: StaffConnection, deps: DashboardHandlerDeps) {
  const { db, logger } = deps;

  /** The business this connection watches, re-checked against the database (memberships can be revoked). */
  async function currentScope(): Promise<BusinessScope> {
    if (!connection.businessId) throw new AppError("conflict", "No company selected yet: send dashboard.orchestrate_init first.");
    return requireMembership(db, connection.userId, connection.businessId);
  }

  const starter = orchestrationStarter(connection, deps);
  // Most connections (agent workspaces) never orchestrate: their disconnect then writes nothing (a
  // reconnect storm of thousands would queue as many updates).
  let orchestrated = false;
  const startOrchestration: typeof starter = (companyId) => {
    orchestrated = true;
    return starter(companyId);
  };

  connection.onClose(() => {
    connection.orchestrationId = undefined;
    if (orchestrated) void cancelOrchestrationsOf(db, connection.userId, connection.id).catch(() => undefined);
  });

  // Per connection, so it goes away with it.
  const askLimiter = createRateLimiter({ limit: ASK_LIMIT_PER_MINUTE, windowMs: 60_000, what: "questions to the dashboard assistant" });

  return {
    "session.whoami": {
      schema: dashboardPayloads["session.whoami"],
      handle: async () => ({ user: { id: connection.userId, email: connection.email, name: connection.name } }),
    },
    "dashboard.orchestrate_init": {
      schema: dashboardPayloads["dashboard.orchestrate_init"],
      async handle(payload) {
        const { orchestrationId } = await startOrchestration(payload.company_id);
        return { orchestration_id: orchestrationId, message: "Orchestration started" };
      },
    },
    "dashboard.company_change": {
      schema: dashboardPayloads["dashboard.company_change"],
      async handle(payload) {
        const { orchestrationId, businessId } = await startOrchestration(payload.company_id);
        return { orchestration_id: orchestrationId, company_id: businessId };
      },
    },
    "dashboard.refresh": {
      schema: dashboardPayloads["dashboard.refresh"],
      async handle(payload) {
        const scope = await currentScope();
        const widgets = payload.widgets ?? [...WIDGETS];
        // Answered to this connection only; fresh from the database for every requested widget.
        setImmediate(() => {
          // One "as of" instant, as in the orchestration: consistent figures, shared sub-queries run once.
          const asOf = new Date();
          for (const widget of widgets) {
            buildWidgetUpdate(db, scope, widget, asOf).then(
              (update) => connection.businessId === scope.businessId && connection.emit("dashboard.data_updated", update),
              (error: unknown) => logger.error("refresh failed", { widget, error: describeError(error) }),
            );
          }
        });
        return { company_id: scope.businessId };
      },
    },
    "dashboard.request_update": {
      schema: dashboardPayloads["dashboard.request_update"],
      async handle(payload) {
        const scope = await currentScope();
        const update = await buildWidgetUpdate(db, scope, payload.widget);
        if (connection.businessId === scope.businessId) connection.emit("dashboard.data_updated", update);
        return update;
      },
    },
    "llm.ask": {
      schema: dashboardPayloads["llm.ask"],
      async handle(payload) {
        askLimiter.take(connection.id);
        const answer = await askDashboardAssistant(deps, {
          userId: connection.userId,
          businessId: connection.businessId,
          conversationId: payload.session_id,
          question: payload.question,
        });
        return { answer };
      },
    },
  } satisfies HandlerTable<DashboardClientToServerEvents>;
}
