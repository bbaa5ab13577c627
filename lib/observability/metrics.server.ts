import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** One registry per server instance (tests start several in one process). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "switchboard_" });
  const httpRequests = new Counter({
    name: "switchboard_http_requests_total",
    help: "HTTP requests by method, route group and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: "switchboard_http_request_duration_seconds",
    help: "HTTP request duration by route group",
    labelNames: ["method", "route"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const socketConnections = new Counter({
    name: "switchboard_socket_connections_total",
    help: "Socket.IO connections accepted, by namespace",
    labelNames: ["namespace"] as const,
    registers: [registry],
  });
  const socketRejections = new Counter({
    name: "switchboard_socket_rejected_total",
    help: "Socket.IO handshakes rejected (unauthorized), by namespace",
    labelNames: ["namespace"] as const,
    registers: [registry],
  });
  // Gauges read at scrape time: components register a callback instead of tracking counts.
  const collectors: (() => void)[] = [];
  const connectedSockets = new Gauge({
    name: "switchboard_sockets_connected",
    help: "Sockets connected to this node, by namespace",
    labelNames: ["namespace"] as const,
    registers: [registry],
    collect() {
      for (const collector of collectors) collector();
    },
  });
  const socketEvents = new Counter({
    name: "switchboard_socket_events_total",
    help: "Client-to-server socket events handled, by event and outcome",
    labelNames: ["event", "outcome"] as const,
    registers: [registry],
  });
  const assistantTasks = new Counter({
    name: "switchboard_assistant_tasks_total",
    help: "Assistant task runs in this process, by outcome (answered, handoff, skipped, retry, failed)",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  const assistantTaskDuration = new Histogram({
    name: "switchboard_assistant_task_duration_seconds",
    help: "From a worker taking an assistant task to its answer or handoff being stored, by outcome",
    labelNames: ["outcome"] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  return {
    registry,
    onCollect: (collector: () => void) => collectors.push(collector),
    httpRequests,
    httpDuration,
    socketConnections,
    socketRejections,
    connectedSockets,
    socketEvents,
    assistantTasks,
    assistantTaskDuration,
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Route groups, not raw paths: ids in paths would explode label cardinality. */
export function routeGroup(pathname: string): string {
  if (pathname.startsWith("/_next/")) return "/_next";
  if (pathname.startsWith("/socket.io")) return "/socket.io";
  if (pathname.startsWith("/health")) return pathname;
  if (pathname.startsWith("/api/auth")) return "/api/auth";
  if (pathname.startsWith("/api/")) return pathname.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, ":id");
  return "page";
}
