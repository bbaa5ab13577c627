import { sessionRoom } from "./rooms";
import type { ChatServerToClientEvents, CustomerSessionStatus } from "../contract/customer-chat";
import type { DashboardServerToClientEvents } from "../contract/dashboard";
import { isQueued } from "../contract/staff";
import { loadQueuePositions } from "../chat/queue-positions.server";
import type { SessionChange } from "../chat/session-store.server";
import type { PrismaClient } from "../db/prisma-client.server";
import { affectedWidgets, AGENT_STATUS_WIDGETS } from "../chat/affected-widgets";
import { queueEntryOf } from "../chat/queue-entry.server";
import { customerOffline } from "../chat/wire.server";
import { buildWidgetUpdate } from "../dashboard/widget-update.server";
import { WIDGETS, type QueuedSession, type WidgetName } from "../contract/widgets";
import type { RedisClient } from "../server/redis.server";
import { createClusterRecomputes } from "./cluster-recomputes.server";
import type { DashboardWatchers } from "./dashboard-watchers.server";
import { describeError, type Logger } from "../observability/logger";
import type { Metrics } from "../observability/metrics.server";
import { createCoalescer } from "../server/coalescer";
import { businessRoom, widgetsRoom } from "./rooms";
import type { ChangePublisher } from "../chat/ports";
import { createLatestThrottle } from "./latest-throttle";
import { systemScope } from "../tenancy/memberships.server";

/** A namespace's rooms as pushes reach them: a server's own Socket.IO namespace, or a publish-only Redis emitter's. */
export interface RoomEmitter {
  to(room: string): { emit(event: string, ...args: unknown[]): unknown };
}

export interface LivePublisherDependencies {
  db: PrismaClient;
  dashboard: RoomEmitter;
  chat: RoomEmitter;
  logger: Logger;
  /** Widgets and queue positions of one business are recomputed at most once per this window. */
  coalesceMs: number;
  /** Makes that once per window across the cluster (not per node); without Redis, per node. */
  redis?: RedisClient;
  /** Widgets are recomputed only for a business whose dashboard is open somewhere. */
  dashboards: Pick<DashboardWatchers, "watched">;
  metrics?: Pick<Metrics, "widgetRecomputes">;
}

/**
 * Typing signals of one session reach the other side at most once per this window (latest state,
 * the final one always): a flood of them costs every staff socket a few pushes a second. Far below
 * the clients' refresh (3 s) and expiry (6 s) of "typing", so the indicator never flickers.
 */
export const TYPING_WINDOW_MS = 500;
const QUEUE_POSITIONS = "queue_positions";
type Recompute = WidgetName | typeof QUEUE_POSITIONS;
const RECOMPUTES: readonly string[] = [...WIDGETS, QUEUE_POSITIONS];
const isRecompute = (item: string): item is Recompute => RECOMPUTES.includes(item);
const isWidget = (item: Recompute): item is WidgetName => item !== QUEUE_POSITIONS;

/** Entering or leaving the queue (an offline message held until the desk opens is not in it). */
const queueMembershipChanged = (change: SessionChange) => isQueued(change.session) !== change.previousQueued;

/** The contract's event names and payloads, checked here once for every push. */
function typedRooms(deps: Pick<LivePublisherDependencies, "dashboard" | "chat">) {
  return {
    toStaff: <E extends keyof DashboardServerToClientEvents & string>(room: string, event: E, ...args: Parameters<DashboardServerToClientEvents[E]>) => deps.dashboard.to(room).emit(event, ...args),
    toCustomers: <E extends keyof ChatServerToClientEvents & string>(room: string, event: E, ...args: Parameters<ChatServerToClientEvents[E]>) => deps.chat.to(room).emit(event, ...args),
  };
}
type TypedRooms = ReturnType<typeof typedRooms>;

/**
 * The change to the business's staff: one push per change and socket where one says it all (at
 * 1,000 watching sockets every frame counts): entering or leaving the queue is a queue.updated,
 * everything else about the session a session.updated.
 */
function pushSessionToStaff(rooms: TypedRooms, db: PrismaClient, logger: Logger, change: SessionChange) {
  const staffRoom = businessRoom(change.businessId);
  const { session } = change;
  if (queueMembershipChanged(change)) {
    const emitQueue = (entry: QueuedSession | null) =>
      rooms.toStaff(staffRoom, "queue.updated", { company_id: change.businessId, version: change.version, reason: change.reason, session_id: session.id, entry });
    if (isQueued(session)) {
      queueEntryOf(db, change).then(emitQueue, (error: unknown) => logger.error("queue entry failed", { sessionId: session.id, error: describeError(error) }));
    } else {
      emitQueue(null);
    }
  }
  if (!(queueMembershipChanged(change) && change.previousStatus === null)) {
    rooms.toStaff(staffRoom, "session.updated", { company_id: change.businessId, version: change.version, reason: change.reason, session, message: change.message });
  }
}

/** The change to the chat's customer: the new message, and where the chat stands when that moved. */
function pushSessionToCustomer(rooms: TypedRooms, change: SessionChange) {
  const { session } = change;
  const customerRoom = sessionRoom(session.id);
  if (change.message) rooms.toCustomers(customerRoom, "chat.message", { message: change.message });
  const statusMoved = change.previousStatus !== session.status || change.previousAgentId !== (session.agent?.id ?? null);
  // A queued chat's status goes with its place in the queue (pushQueuePositions).
  if (statusMoved && !isQueued(session)) {
    const status: CustomerSessionStatus = {
      session_id: session.id,
      status: session.status,
      agent: session.status === "ACTIVE" && session.agent ? { display_name: session.agent.display_name } : null,
      queue: null,
      offline: customerOffline(session),
    };
    rooms.toCustomers(customerRoom, "chat.status", status);
  }
}

/**
 * Turns committed changes into pushes through Socket.IO rooms (so with the Redis adapter every
 * node's sockets get them): the change itself at once to staff and to the customer, and the
 * recomputed widgets and queue positions coalesced per business.
 */
export function createLivePublisher(deps: LivePublisherDependencies): ChangePublisher {
  const { db, logger } = deps;
  const rooms = typedRooms(deps);
  const { toStaff, toCustomers } = rooms;

  const cluster = createClusterRecomputes(deps.redis, deps.coalesceMs, logger);

  async function recompute(businessId: string, batch: Set<Recompute>) {
    const taken = await cluster.take(businessId, batch);
    if (!taken) return;
    const items = [...taken].filter(isRecompute);
    const widgets = items.filter(isWidget);
    const asOf = new Date();
    const scope = systemScope(businessId, "live-update");
    const jobs: Promise<unknown>[] = [];
    if (items.includes(QUEUE_POSITIONS)) jobs.push(pushQueuePositions(businessId, asOf));
    // A dashboard opened later loads its widgets fresh: nothing is owed to it.
    if (widgets.length > 0 && (await deps.dashboards.watched(businessId))) {
      for (const widget of widgets) {
        deps.metrics?.widgetRecomputes.inc({ widget });
        jobs.push(buildWidgetUpdate(db, scope, widget, asOf).then((update) => toStaff(widgetsRoom(businessId), "dashboard.data_updated", update)));
      }
    }
    const failures = (await Promise.allSettled(jobs)).filter((result) => result.status === "rejected");
    for (const failure of failures) logger.error("live recompute failed", { businessId, error: describeError(failure.reason) });
  }

  /** Tells every waiting customer of the business with the chat open (on any node) where they stand now. */
  async function pushQueuePositions(businessId: string, asOf: Date) {
    const positions = await loadQueuePositions(db, businessId, asOf, { present: true });
    for (const [sessionId, queue] of positions) {
      toCustomers(sessionRoom(sessionId), "chat.status", { session_id: sessionId, status: "WAITING", agent: null, queue, offline: null });
    }
  }

  const recomputes = createCoalescer<Recompute>(deps.coalesceMs, recompute, (error) => logger.error("live recompute failed", { error: describeError(error) }));

  const typingToStaff = createLatestThrottle<{ businessId: string; sessionId: string; typing: boolean }>(TYPING_WINDOW_MS, ({ businessId, sessionId, typing }) =>
    toStaff(businessRoom(businessId), "session.typing", { company_id: businessId, session_id: sessionId, typing }),
  );
  const typingToCustomers = createLatestThrottle<{ sessionId: string; author: "AGENT" | "ASSISTANT"; typing: boolean }>(TYPING_WINDOW_MS, ({ sessionId, author, typing }) =>
    toCustomers(sessionRoom(sessionId), "chat.typing", { author, typing }),
  );

  return {
    sessionChanged(change) {
      pushSessionToStaff(rooms, db, logger, change);
      pushSessionToCustomer(rooms, change);
      // A message ends its author's typing on the other side: a typing state held back from before it is stale.
      if (change.message?.author === "CUSTOMER") typingToStaff.forget(change.session.id);
      else if (change.message) typingToCustomers.forget(change.session.id);
      const items: Recompute[] = affectedWidgets(change);
      // Entering or leaving the queue moves everyone behind; the positions push also covers this session's own entry.
      if (queueMembershipChanged(change)) items.push(QUEUE_POSITIONS);
      recomputes.add(change.businessId, items);
    },

    agentStatusChanged(change) {
      toStaff(businessRoom(change.businessId), "agent.status_changed", {
        company_id: change.businessId,
        version: change.version,
        agent: change.agent,
        previous_status: change.previousStatus,
        changed_at: change.changedAt.toISOString(),
      });
      // Who is ONLINE changes the queue's wait estimates too.
      recomputes.add(change.businessId, [...AGENT_STATUS_WIDGETS, QUEUE_POSITIONS]);
    },

    noteAdded(businessId, note) {
      toStaff(businessRoom(businessId), "session.note_added", { company_id: businessId, note });
    },

    tagsChanged(update) {
      toStaff(businessRoom(update.company_id), "tags.updated", update);
    },

    savedRepliesChanged(update) {
      toStaff(businessRoom(update.company_id), "saved_replies.updated", update);
    },

    customerTyping(businessId, sessionId, typing) {
      typingToStaff.push(sessionId, { businessId, sessionId, typing });
    },

    typingToCustomer(sessionId, author, typing) {
      typingToCustomers.push(sessionId, { sessionId, author, typing });
    },

    messageDelta(sessionId, messageId, delta) {
      typingToCustomers.forget(sessionId);
      toCustomers(sessionRoom(sessionId), "chat.message_delta", { message_id: messageId, delta });
    },

    idle: () => recomputes.idle(),
    close: () => {
      cluster.close();
      recomputes.close();
      typingToStaff.close();
      typingToCustomers.close();
    },
  };
}
