import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Metrics } from "./metrics.server";

export interface HealthDependencies {
  /** Answers when the database does (e.g. SELECT 1). */
  pingDatabase(): Promise<unknown>;
  metrics: Metrics;
  version: string;
  startedAt: number;
  database: { mode: "embedded" | "external" };
  /** Connected sockets; unset in a process that serves none (the worker). */
  sockets?(): number;
  redis?: { ping(): Promise<boolean> };
  workers(): Record<string, { status: "running" | "stopped" | "error"; detail?: string }>;
  /** When set, /health/detailed and /health/metrics answer only `Authorization: Bearer <metricsToken>`. */
  metricsToken?: string;
}

type ComponentStatus = { status: "ok" | "error" | "disabled"; latency_ms?: number; detail?: string };

async function timed(check: () => Promise<unknown>): Promise<ComponentStatus> {
  const started = performance.now();
  try {
    await check();
    return { status: "ok", latency_ms: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    return { status: "error", detail: error instanceof Error ? error.message.split("\n")[0] : "unreachable" };
  }
}

export async function detailedHealth(deps: HealthDependencies) {
  const [database, redis] = await Promise.all([
    timed(deps.pingDatabase),
    deps.redis
      ? timed(async () => {
          if (!(await deps.redis!.ping())) throw new Error("no PONG");
        })
      : Promise.resolve<ComponentStatus>({ status: "disabled" }),
  ]);
  const workers = deps.workers();
  const healthy = database.status === "ok" && redis.status !== "error";
  return {
    status: healthy ? ("ok" as const) : ("degraded" as const),
    version: deps.version,
    uptime_seconds: Math.round((Date.now() - deps.startedAt) / 1000),
    database: { ...database, mode: deps.database.mode },
    redis,
    ...(deps.sockets ? { sockets: { connected: deps.sockets() } } : {}),
    workers,
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(JSON.stringify(body));
}

const sha256 = (value: string) => createHash("sha256").update(value).digest();

/** Whether the request's bearer token hashes to `expected`; compared in constant time (hashes have one length). */
function presentsToken(req: IncomingMessage, expected: Buffer): boolean {
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "")?.[1] ?? "";
  return timingSafeEqual(sha256(presented), expected);
}

/** Serves /health, /health/detailed and /health/metrics; returns false for any other path. */
export function createHealthHandler(deps: HealthDependencies) {
  const metricsToken = deps.metricsToken ? sha256(deps.metricsToken) : null;
  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> => {
    if (pathname === "/health") {
      sendJson(res, 200, { status: "ok" });
      return true;
    }
    if ((pathname === "/health/detailed" || pathname === "/health/metrics") && metricsToken && !presentsToken(req, metricsToken)) {
      sendJson(res, 401, { error: { code: "unauthorized", message: "Send the metrics token as `Authorization: Bearer <METRICS_TOKEN>`." } }, { "www-authenticate": "Bearer" });
      return true;
    }
    if (pathname === "/health/detailed") {
      const report = await detailedHealth(deps);
      sendJson(res, report.status === "ok" ? 200 : 503, report);
      return true;
    }
    if (pathname === "/health/metrics") {
      const body = await deps.metrics.registry.metrics();
      res.writeHead(200, { "content-type": deps.metrics.registry.contentType, "cache-control": "no-store" });
      res.end(body);
      return true;
    }
    return false;
  };
}
