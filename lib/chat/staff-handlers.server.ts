import type { DashboardClientToServerEvents } from "../contract/dashboard";
import type { EventPayload, HandlerTable } from "../contract/handlers";
import { agentActionPayloads, type AgentActionName, type UpdateConfirmed } from "../contract/staff";
import type { PrismaClient } from "../db/prisma-client.server";
import { AppError, notFound, toAppError } from "../errors/app-error";
import { describeError, type Logger } from "../observability/logger";
import type { Metrics } from "../observability/metrics.server";
import { rememberBusinessSelection } from "../tenancy/business-selection.server";
import { requireMembership } from "../tenancy/memberships.server";
import { resolveBusiness } from "../tenancy/resolve-business.server";
import type { StaffConnection } from "../tenancy/staff-connection";
import { loadSessionHistory, loadSessionSnapshot, type StaffActor } from "./agent-actions.server";
import type { LiveChat } from "./live-chat.server";
import type { WorkspaceReader } from "./workspace.server";

export interface StaffChatHandlerDeps {
  db: PrismaClient;
  liveChat: LiveChat;
  /** One per node: opens at about the same time share their business's reads. */
  workspace: WorkspaceReader;
  logger: Logger;
  metrics: Metrics;
}

export type Outcome = Omit<UpdateConfirmed, "request_id" | "action" | "success" | "error">;
type ActionPayload<E extends AgentActionName> = EventPayload<DashboardClientToServerEvents[E]>;

/**
 * An action acknowledged as soon as its payload is valid; the outcome follows as
 * dashboard.update_confirmed to this connection (and the resulting state to the whole room), so the
 * UI can apply it at once and roll it back on a refusal.
 */
export function optimistic<E extends AgentActionName & keyof DashboardClientToServerEvents>(
  connection: StaffConnection,
  { logger, metrics }: Pick<StaffChatHandlerDeps, "logger" | "metrics">,
  event: E,
  requestIdOf: (payload: ActionPayload<E>) => string,
  perform: (payload: ActionPayload<E>) => Promise<Outcome>,
) {
  return {
    schema: agentActionPayloads[event],
    async handle(payload: ActionPayload<E>) {
      const requestId = requestIdOf(payload);
      setImmediate(() => {
        perform(payload).then(
          (outcome) => connection.emit("dashboard.update_confirmed", { request_id: requestId, action: event, success: true, ...outcome }),
          (error: unknown) => {
            const appError = toAppError(error);
            if (appError.code === "internal_error") logger.error(`${event} failed`, { error: describeError(error) });
            metrics.socketEvents.inc({ event, outcome: `refused_${appError.code}` });
            connection.emit("dashboard.update_confirmed", { request_id: requestId, action: event, success: false, error: appError.toBody() });
          },
        );
      });
      return { request_id: requestId };
    },
  };
}

/**
 * Who acts, in which business, with the membership re-checked (it can be revoked): the business
 * this connection works in; before it picked one, the business of the session acted on (a session
 * of a business the user is not a member of answers like a missing one), else their current one.
 */
export async function actorOf(db: PrismaClient, connection: StaffConnection, sessionId?: string): Promise<StaffActor> {
  const { userId } = connection;
  if (connection.businessId || !sessionId) {
    const businessId = connection.businessId ?? (await resolveBusiness(db, userId)).businessId;
    return { ...(await requireMembership(db, userId, businessId)), userId };
  }
  const session = await db.chatSession.findUnique({ where: { id: sessionId }, select: { businessId: true } });
  const scope = session ? await requireMembership(db, userId, session.businessId).catch(() => null) : null;
  if (!scope) throw notFound("Chat session");
  return { ...scope, userId };
}

/** The agent workspace's events on one staff connection (DESIGN §6 "Actions with optimistic UI"). */
export function staffChatHandlers(connection: StaffConnection, deps: StaffChatHandlerDeps) {
  const { db, liveChat } = deps;

  const actor = (sessionId?: string) => actorOf(db, connection, sessionId);
  const action = <E extends AgentActionName & keyof DashboardClientToServerEvents>(
    event: E,
    requestIdOf: (payload: ActionPayload<E>) => string,
    perform: (payload: ActionPayload<E>) => Promise<Outcome>,
  ) => optimistic(connection, deps, event, requestIdOf, perform);

  return {
    "workspace.open": {
      schema: agentActionPayloads["workspace.open"],
      async handle(payload) {
        const { businessId, scope } = await resolveBusiness(db, connection.userId, payload.company_id);
        // Whatever this connection was loading for another business stops here.
        connection.orchestrationId = undefined;
        // The workspace shows no widgets: it is spared their pushes (at 1,000 agents, most of the bytes).
        await connection.watchBusiness(businessId, { widgets: false });
        await rememberBusinessSelection(db, connection.userId, businessId);
        // The membership just read is the actor's: no second read.
        return deps.workspace.open({ ...scope, userId: connection.userId });
      },
    },
    "session.history": {
      schema: agentActionPayloads["session.history"],
      handle: async (payload) => loadSessionHistory(db, await actor(payload.session_id), payload.session_id),
    },
    "session.get": {
      schema: agentActionPayloads["session.get"],
      handle: async (payload) => loadSessionSnapshot(db, await actor(payload.session_id), payload.session_id),
    },
    "session.typing": {
      schema: agentActionPayloads["session.typing"],
      async handle(payload) {
        const { businessId } = await actor(payload.session_id);
        const session = await db.chatSession.findFirst({
          where: { id: payload.session_id, businessId, status: "ACTIVE", assignedAgent: { userId: connection.userId } },
          select: { id: true },
        });
        if (!session) throw new AppError("not_found", "Chat session not found among your active chats.");
        liveChat.agentTyping(session.id, payload.typing);
        return {};
      },
    },
    "agent.set_status": action(
      "agent.set_status",
      (payload) => payload.request_id,
      async (payload) => {
        const change = await liveChat.setStatus(await actor(), payload.status);
        return change ? { agent: change.agent } : {};
      },
    ),
    "queue.claim": action(
      "queue.claim",
      (payload) => payload.request_id,
      async (payload) => ({ session: (await liveChat.claimSession(await actor(payload.session_id), payload.session_id)).session }),
    ),
    "session.transfer": action(
      "session.transfer",
      (payload) => payload.request_id,
      async (payload) => ({ session: (await liveChat.transferSession(await actor(payload.session_id), payload.session_id, payload.agent_id)).session }),
    ),
    "session.close": action(
      "session.close",
      (payload) => payload.request_id,
      async (payload) => ({ session: (await liveChat.closeSession(await actor(payload.session_id), payload.session_id)).session }),
    ),
    "session.send": action(
      "session.send",
      (payload) => payload.client_message_id,
      async (payload) => ({ message: await liveChat.sendAgentMessage(await actor(payload.session_id), payload.session_id, payload.body, payload.client_message_id) }),
    ),
    "session.note": action(
      "session.note",
      (payload) => payload.client_message_id,
      async ({ session_id: sessionId, ...input }) => ({ note: (await liveChat.addNote(await actor(sessionId), sessionId, input)).note }),
    ),
  } satisfies HandlerTable<DashboardClientToServerEvents>;
}
