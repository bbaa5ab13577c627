import { listenForAccessChanges, type AccessChangeListener } from "../auth/access-changes.server";
import type { VerifiedStaff } from "../auth/auth-sessions.server";
import { authenticateStaffHandshake } from "../auth/socket-auth.server";
import type { NodePresence } from "../chat/node-presence.server";
import { DASHBOARD_NAMESPACE, dashboardPayloads, type DashboardClientToServerEvents } from "../contract/dashboard";
import type { HandlerTable } from "../contract/handlers";
import { originAllowed } from "../contract/origins";
import { agentActionPayloads } from "../contract/staff";
import { pgPoolOf, type PrismaClient } from "../db/prisma-client.server";
import { describeError, type Logger } from "../observability/logger";
import type { Metrics } from "../observability/metrics.server";
import type { StaffConnection } from "../tenancy/staff-connection";
import { createAccessEnforcer } from "./access-enforcer.server";
import type { DashboardNamespace, DashboardSocket } from "./dashboard-socket.server";
import { applyEventBudget, STAFF_EVENT_BUDGET } from "./event-budget.server";
import { registerHandlers } from "./register-handlers.server";
import { userRoom } from "./rooms";
import type { DashboardWatchers } from "./dashboard-watchers.server";
import { applySessionCheck } from "./session-check.server";
import { staffConnection } from "./staff-connection.server";

/** How often a node re-checks all its staff sockets' access against the database (besides notifications). */
const ACCESS_RECHECK_MS = 30_000;
const STAFF_EVENTS: ReadonlySet<string> = new Set([...Object.keys(dashboardPayloads), ...Object.keys(agentActionPayloads)]);

export interface StaffNamespaceDependencies {
  db: PrismaClient;
  authSecret: string;
  /** https deployments use the __Secure- cookie name. */
  secureCookie: boolean;
  /** Origins whose pages may open sockets besides the server's own host (the public URL's, ALLOWED_ORIGINS). */
  staffOrigins: readonly string[];
  logger: Logger;
  metrics: Metrics;
  track(what: string, work: Promise<unknown>): void;
  /** Records which users this node holds sockets of (and stamps a user whose last socket went). */
  presence: Pick<NodePresence, "staffChanged">;
  /** Told when a socket opens a business's dashboard (joins its widgets room). */
  dashboards: Pick<DashboardWatchers, "opened">;
  /** Every client → server event of the namespace, for one connection (the domains' tables). */
  handlers(connection: StaffConnection): Required<HandlerTable<DashboardClientToServerEvents>>;
}

/** Handshake: the page's origin first (no staff cookie rides along from another site), then the session. */
function admitStaff(dashboard: DashboardNamespace, deps: StaffNamespaceDependencies) {
  dashboard.use(async (socket, next) => {
    const origin = socket.handshake.headers.origin;
    if (origin !== undefined && !originAllowed(origin, { host: socket.handshake.headers.host, allowed: deps.staffOrigins })) {
      deps.metrics.socketRejections.inc({ namespace: DASHBOARD_NAMESPACE });
      return next(new Error("origin_not_allowed"));
    }
    let identity: VerifiedStaff | null;
    try {
      identity = await authenticateStaffHandshake(socket.handshake, { secret: deps.authSecret, db: deps.db, secureCookie: deps.secureCookie });
    } catch (error) {
      // The session could not be checked (e.g. no database connection in time during a reconnect
      // storm): not "unauthorized", on which the app signs the user out. Closing the connection makes
      // the client try again after its backoff, as after any dropped connection.
      deps.logger.warn("socket auth could not check the session; connection closed for the client to retry", { error: describeError(error) });
      socket.conn.close();
      return next(new Error("unavailable"));
    }
    if (!identity) {
      deps.metrics.socketRejections.inc({ namespace: DASHBOARD_NAMESPACE });
      return next(new Error("unauthorized"));
    }
    socket.data = identity;
    next();
  });
}

/**
 * Serves /dashboard: staff sockets authenticated, budgeted, presence-tracked, with the domains'
 * handlers; access changes (sign-out, removal, role change) reach this node's sockets at once
 * through PostgreSQL notifications, with a periodic re-check as the safety net.
 */
export async function serveStaff(dashboard: DashboardNamespace, deps: StaffNamespaceDependencies): Promise<{ close(): Promise<void> }> {
  const { db, logger, metrics } = deps;
  const access = createAccessEnforcer({ dashboard, db, logger });
  admitStaff(dashboard, deps);

  dashboard.on("connection", (socket: DashboardSocket) => {
    // First of the event middleware: a refused event costs no database read, not even the session check.
    applyEventBudget(socket, STAFF_EVENT_BUDGET, { metrics, knownEvents: STAFF_EVENTS });
    metrics.socketConnections.inc({ namespace: DASHBOARD_NAMESPACE });
    const { userId } = socket.data;
    applySessionCheck(socket, { db, logger, onEnded: () => access.apply({ kind: "session_ended", user_id: userId, session_id: socket.data.sessionId }) });
    void socket.join(userRoom(userId));
    deps.track("staff presence", deps.presence.staffChanged(userId));
    registerHandlers(socket, deps.handlers(staffConnection(socket, deps.dashboards)), { logger, metrics });
    socket.on("disconnect", () => {
      // Another tab of the same user on this node keeps them present.
      if ((dashboard.adapter.rooms.get(userRoom(userId))?.size ?? 0) > 0) return;
      deps.track("staff presence", deps.presence.staffChanged(userId));
    });
  });
  metrics.onCollect(() => metrics.connectedSockets.set({ namespace: DASHBOARD_NAMESPACE }, dashboard.sockets.size));

  const recheckAccess = () => void access.recheckAll().catch((error: unknown) => logger.warn("access re-check failed", { error: describeError(error) }));
  const databaseUrl = pgPoolOf(db)?.options.connectionString;
  const listener: AccessChangeListener | undefined = databaseUrl ? await listenForAccessChanges(databaseUrl, { onChange: access.apply, onResync: recheckAccess }, logger) : undefined;
  const recheck = setInterval(recheckAccess, ACCESS_RECHECK_MS);
  recheck.unref();
  return {
    async close() {
      clearInterval(recheck);
      await listener?.close();
    },
  };
}
