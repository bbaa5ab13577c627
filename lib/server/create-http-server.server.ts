import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { describeError, type Logger } from "../observability/logger";
import { methodLabel, routeGroup, type Metrics } from "../observability/metrics.server";

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;
type PathHandler = (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<boolean>;

export interface HttpServerDependencies {
  metrics: Metrics;
  logger: Logger;
  /** Sets the security headers of every response, before any handler runs. */
  securityHeaders(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void>;
  /** Handlers tried in order before the app (e.g. health); each returns true when it answered. */
  routes: PathHandler[];
  /** Everything else (the Next.js request handler). */
  app: Handler;
}

/** The HTTP server Socket.IO attaches to: counts and times every request, then routes it. */
export function createHttpServer(deps: HttpServerDependencies): Server {
  return createServer(async (req, res) => {
    const started = performance.now();
    const pathname = new URL(req.url ?? "/", "http://localhost").pathname;
    res.once("finish", () => {
      const labels = { method: methodLabel(req.method), route: routeGroup(pathname) };
      deps.metrics.httpRequests.inc({ ...labels, status: String(res.statusCode) });
      deps.metrics.httpDuration.observe(labels, (performance.now() - started) / 1000);
    });
    try {
      await deps.securityHeaders(req, res, pathname);
      for (const route of deps.routes) if (await route(req, res, pathname)) return;
      await deps.app(req, res);
    } catch (error) {
      deps.logger.error("request failed", { path: pathname, error: describeError(error) });
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "internal_error", message: "Something went wrong on our side." } }));
      }
    }
  });
}
