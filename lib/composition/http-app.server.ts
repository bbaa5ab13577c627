import { createFirstRunRedirect, createSetupState } from "../setup/first-run.server";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { createChatApiHandler } from "../chat/http-api.server";
import { createAttachmentDownloadHandler } from "../chat/attachment-downloads.server";
import { createWidgetScriptHandler } from "../widget/widget-script.server";
import type { PrismaClient } from "../db/prisma-client.server";
import { createHealthHandler, type HealthDependencies } from "../observability/health.server";
import type { Logger } from "../observability/logger";
import type { Metrics } from "../observability/metrics.server";
import type { BusinessOriginsCache } from "../security/business-origins.server";
import type { CustomerOriginCheck } from "../security/customer-origins.server";
import { createStaffRequestGuard } from "../security/staff-request-guard.server";
import { createHttpServer } from "../server/create-http-server.server";
import { createSecurityHeaders } from "../security/security-headers.server";
import type { LiveApp } from "./live-app.server";

export interface AppHttpDependencies {
  db: PrismaClient;
  metrics: Metrics;
  logger: Logger;
  live: LiveApp;
  /** What /health/detailed reports besides the database and sockets. */
  health: Omit<HealthDependencies, "metrics" | "pingDatabase" | "sockets">;
  /** Served over https (NEXTAUTH_URL): HSTS. */
  https: boolean;
  /** Next's dev server (its scripts need eval). */
  dev: boolean;
  staffOrigins: readonly string[];
  trustProxy: boolean;
  businessOrigins: BusinessOriginsCache;
  customerOrigins: CustomerOriginCheck;
  /** Everything the server does not answer itself: Next's request handler (a 404 in tests). */
  app: (req: IncomingMessage, res: ServerResponse) => unknown;
}

/**
 * The HTTP server Socket.IO attaches to: security headers and the cross-site guard first, then
 * /health*, the customer chat API, /widget.js, the first-run redirect to /setup, and the app for everything else.
 */
export function createAppHttpServer(deps: AppHttpDependencies): Server {
  const { db, metrics, logger, live } = deps;
  const health = createHealthHandler({ ...deps.health, metrics, pingDatabase: () => db.$queryRaw`SELECT 1`, sockets: () => live.sockets.connectedSockets() });
  const chatApi = createChatApiHandler({ db, liveChat: live.liveChat, limits: live.rateLimits, logger, trustProxy: deps.trustProxy, customerOrigins: deps.customerOrigins });
  const http = createHttpServer({
    metrics,
    logger,
    securityHeaders: createSecurityHeaders({ https: deps.https, dev: deps.dev, businessOrigins: deps.businessOrigins, logger }),
    routes: [
      createStaffRequestGuard({ staffOrigins: deps.staffOrigins, trustProxy: deps.trustProxy }),
      health,
      chatApi,
      createWidgetScriptHandler(),
      createAttachmentDownloadHandler({ liveChat: live.liveChat, logger }),
      createFirstRunRedirect(createSetupState(db)),
    ],
    app: deps.app,
  });
  live.attach(http);
  return http;
}

export interface WorkerHttpDependencies {
  db: PrismaClient;
  metrics: Metrics;
  logger: Logger;
  health: Omit<HealthDependencies, "metrics" | "pingDatabase" | "sockets">;
}

/**
 * `npm run worker`'s own port (WORKER_PORT): /health for the process manager's probe,
 * /health/detailed and /health/metrics for operators and Prometheus, a JSON 404 for anything else.
 */
export function createWorkerHttpServer(deps: WorkerHttpDependencies): Server {
  const { db, metrics, logger } = deps;
  return createHttpServer({
    metrics,
    logger,
    securityHeaders: async (_req, res) => void res.setHeader("x-content-type-options", "nosniff"),
    routes: [createHealthHandler({ ...deps.health, metrics, pingDatabase: () => db.$queryRaw`SELECT 1` })],
    app: (_req, res) => {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "not_found", message: "The worker serves /health, /health/detailed and /health/metrics only." } }));
    },
  });
}
