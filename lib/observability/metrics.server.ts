import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** A connection pool as the metrics see it (lib/db's `poolProbe`). */
export interface ConnectionPoolProbe {
  onCheckout(listener: (waitSeconds: number, failed: boolean) => void): void;
  state(): ConnectionPoolState;
}

export interface ConnectionPoolState {
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

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
  const webhookAttempts = new Counter({
    name: "switchboard_webhook_attempts_total",
    help: "Webhook delivery attempts by this process, by outcome (success, http_error, timeout, refused_address, network_error)",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  const widgetRecomputes = new Counter({
    name: "switchboard_widget_recomputes_total",
    help: "Dashboard widgets recomputed after changes, by widget: only for businesses with a dashboard open somewhere",
    labelNames: ["widget"] as const,
    registers: [registry],
  });
  const pushWrites = new Histogram({
    name: "switchboard_push_write_seconds",
    help: "From a staff push being made on this node (or arriving from another) to its last socket here being written; big rooms go out a slice per event-loop turn, so this is how far the node's writes are behind",
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const poolWait = new Histogram({
    name: "switchboard_db_pool_wait_seconds",
    help: "Time a query or transaction waited for a database connection of this process's pool",
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
    registers: [registry],
  });
  const poolCheckoutFailures = new Counter({
    name: "switchboard_db_pool_checkout_failures_total",
    help: "Requests that got no database connection (checkout timed out or the database refused)",
    registers: [registry],
  });
  const poolStates: (() => ConnectionPoolState)[] = [];
  new Gauge({
    name: "switchboard_db_pool_connections",
    help: "This process's database pool: open (total), idle, requests waiting for a connection, and its size (max)",
    labelNames: ["state"] as const,
    registers: [registry],
    collect() {
      const states = poolStates.map((read) => read());
      for (const key of ["total", "idle", "waiting", "max"] as const)
        this.set(
          { state: key },
          states.reduce((sum, state) => sum + state[key], 0),
        );
    },
  });
  return {
    registry,
    onCollect: (collector: () => void) => collectors.push(collector),
    /** Counts a database pool: checkout waits and failures as they happen, its connections at each scrape. */
    watchDatabasePool(pool: ConnectionPoolProbe) {
      pool.onCheckout((waitSeconds, failed) => {
        poolWait.observe(waitSeconds);
        if (failed) poolCheckoutFailures.inc();
      });
      poolStates.push(() => pool.state());
    },
    httpRequests,
    httpDuration,
    socketConnections,
    socketRejections,
    connectedSockets,
    socketEvents,
    assistantTasks,
    widgetRecomputes,
    pushWrites,
    assistantTaskDuration,
    webhookAttempts,
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/**
 * The API and health routes the HTTP metrics name; `:param` stands for one path segment. Labels
 * come only from this list (plus the groups below), so a client inventing paths or methods cannot
 * add series: an unknown API or health path is `other`, an unusual method `OTHER`.
 */
const API_ROUTES = [
  "/health",
  "/health/detailed",
  "/health/metrics",
  "/api/v1/chat/init",
  "/api/v1/chat/:id",
  "/api/v1/chat/:id/task",
  "/api/v1/chat/:id/rating",
  "/api/v1/admin/chat-dashboard/:widget",
  "/api/v1/admin/knowledge/articles",
  "/api/v1/admin/knowledge/articles/:id",
  "/api/v1/admin/assistant-settings",
  "/api/v1/admin/allowed-origins",
  "/api/v1/admin/businesses",
  "/api/v1/admin/business",
  "/api/v1/admin/team",
  "/api/v1/admin/team/:id",
  "/api/v1/admin/team/:id/password-reset",
  "/api/v1/admin/invites",
  "/api/v1/admin/invites/:id",
  "/api/v1/admin/sessions/:id/notes",
  "/api/v1/admin/sessions/:id/tags/:tag",
  "/api/v1/admin/tags",
  "/api/v1/admin/tags/:id",
  "/api/v1/admin/webhooks",
  "/api/v1/admin/webhooks/:id",
  "/api/v1/admin/webhooks/:id/:action",
  "/api/v1/admin/webhooks/:id/deliveries/:delivery/redeliver",
  "/api/v1/admin/account",
  "/api/v1/admin/account/email",
  "/api/v1/admin/account/password",
  "/api/v1/setup",
  "/api/v1/invites/accept",
  "/api/v1/password-reset",
  "/api/v1/password-reset/complete",
] as const;

const API_ROUTE_MATCHERS = API_ROUTES.map((route) => ({ route, pattern: new RegExp(`^${route.replace(/:[a-z]+/g, "[^/]+")}/?$`) }));

/** Every value the `route` label can take. */
export const ROUTE_LABELS = [...API_ROUTES, "/api/auth", "/_next", "page", "other"] as const;

/** Every value the `method` label can take. */
export const METHOD_LABELS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "OTHER"] as const;

export function routeGroup(pathname: string): (typeof ROUTE_LABELS)[number] {
  if (pathname.startsWith("/api/auth/")) return "/api/auth";
  if (pathname.startsWith("/_next/")) return "/_next";
  if (pathname !== "/api" && !pathname.startsWith("/api/") && !pathname.startsWith("/health")) return "page";
  return API_ROUTE_MATCHERS.find((matcher) => matcher.pattern.test(pathname))?.route ?? "other";
}

export function methodLabel(method: string | undefined): (typeof METHOD_LABELS)[number] {
  return METHOD_LABELS.find((label) => label === method) ?? "OTHER";
}
