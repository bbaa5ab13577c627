import type { z } from "zod";
import type { StaffActor } from "../chat/agent-actions.server";
import { loadSessionHistory, loadWorkspace } from "../chat/agent-actions.server";
import { agentActionPayloads, type AgentActionName, type UpdateConfirmed } from "../chat/contract";
import type { LiveChat } from "../chat/live-chat.server";
import type { PrismaClient } from "../db/prisma-client.server";
import { AppError, notFound, toAppError } from "../errors/app-error";
import { describeError, type Logger } from "../observability/logger";
import type { Metrics } from "../observability/metrics.server";
import { rememberBusinessSelection } from "../orchestration/orchestration-store.server";
import { resolveBusiness } from "../orchestration/resolve-business.server";
import { joinBusinessRoom } from "../orchestration/run-orchestration.server";
import { requireMembership } from "../tenancy/memberships.server";
import type { DashboardSocket } from "./dashboard-socket.server";
import { handleEvent } from "./handle-event.server";

export interface AgentHandlerDeps {
  db: PrismaClient;
  liveChat: LiveChat;
  logger: Logger;
  metrics: Metrics;
}

type Outcome = Omit<UpdateConfirmed, "request_id" | "action" | "success" | "error">;

/** The agent workspace's actions on a staff connection (DESIGN §6 "Actions with optimistic UI"). */
export function registerAgentHandlers(socket: DashboardSocket, deps: AgentHandlerDeps): void {
  const { db, liveChat, logger, metrics } = deps;

  /**
   * Who acts, in which business, with the membership re-checked (it can be revoked): the business
   * this socket works in; before it picked one, the business of the session acted on (a session of
   * a business the user is not a member of answers like a missing one), else their current one.
   */
  async function actor(sessionId?: string): Promise<StaffActor> {
    const { userId } = socket.data;
    if (socket.data.businessId || !sessionId) {
      const businessId = socket.data.businessId ?? (await resolveBusiness(db, userId)).businessId;
      const scope = await requireMembership(db, userId, businessId);
      return { userId, businessId: scope.businessId, role: scope.role };
    }
    const session = await db.chatSession.findUnique({ where: { id: sessionId }, select: { businessId: true } });
    const scope = session ? await requireMembership(db, userId, session.businessId).catch(() => null) : null;
    if (!scope) throw notFound("Chat session");
    return { userId, businessId: scope.businessId, role: scope.role };
  }

  function on<E extends AgentActionName, R extends object>(event: E, handler: (payload: z.infer<(typeof agentActionPayloads)[E]>) => Promise<R>) {
    const schema = agentActionPayloads[event] as unknown as z.ZodType<z.infer<(typeof agentActionPayloads)[E]>>;
    socket.on(event, handleEvent(event, schema, handler, logger, metrics) as never);
  }

  /**
   * Acknowledged as soon as the payload is valid; the outcome follows as dashboard.update_confirmed
   * to this socket (and the resulting state to the whole room), so the UI can apply it at once and
   * roll it back on a refusal.
   */
  function optimistic<E extends AgentActionName>(event: E, requestIdOf: (payload: z.infer<(typeof agentActionPayloads)[E]>) => string, perform: (payload: z.infer<(typeof agentActionPayloads)[E]>) => Promise<Outcome>) {
    on(event, async (payload) => {
      const requestId = requestIdOf(payload);
      setImmediate(() => {
        perform(payload).then(
          (outcome) => socket.emit("dashboard.update_confirmed", { request_id: requestId, action: event, success: true, ...outcome }),
          (error: unknown) => {
            const appError = toAppError(error);
            if (appError.code === "internal_error") logger.error(`${event} failed`, { error: describeError(error) });
            metrics.socketEvents.inc({ event, outcome: `refused_${appError.code}` });
            socket.emit("dashboard.update_confirmed", { request_id: requestId, action: event, success: false, error: appError.toBody() });
          },
        );
      });
      return { request_id: requestId };
    });
  }

  on("workspace.open", async (payload) => {
    const { businessId } = await resolveBusiness(db, socket.data.userId, payload.company_id);
    // Whatever this connection was loading for another business stops here.
    socket.data.orchestrationId = undefined;
    // The workspace shows no widgets: it is spared their pushes (at 1,000 agents, most of the bytes).
    await joinBusinessRoom(socket, businessId, { widgets: false });
    await rememberBusinessSelection(db, socket.data.userId, businessId);
    return loadWorkspace(db, await actor());
  });

  on("session.history", async (payload) => loadSessionHistory(db, await actor(payload.session_id), payload.session_id));

  on("session.typing", async (payload) => {
    const { businessId } = await actor(payload.session_id);
    const session = await db.chatSession.findFirst({ where: { id: payload.session_id, businessId, status: "ACTIVE", assignedAgent: { userId: socket.data.userId } }, select: { id: true } });
    if (!session) throw new AppError("not_found", "Chat session not found among your active chats.");
    liveChat.publisher.typingToCustomer(session.id, "AGENT", payload.typing);
    return {};
  });

  optimistic(
    "agent.set_status",
    (payload) => payload.request_id,
    async (payload) => {
      const change = await liveChat.setStatus(await actor(), payload.status);
      return change ? { agent: change.agent } : {};
    },
  );
  optimistic(
    "queue.claim",
    (payload) => payload.request_id,
    async (payload) => ({ session: (await liveChat.claimSession(await actor(payload.session_id), payload.session_id)).session }),
  );
  optimistic(
    "session.transfer",
    (payload) => payload.request_id,
    async (payload) => ({ session: (await liveChat.transferSession(await actor(payload.session_id), payload.session_id, payload.agent_id)).session }),
  );
  optimistic(
    "session.close",
    (payload) => payload.request_id,
    async (payload) => ({ session: (await liveChat.closeSession(await actor(payload.session_id), payload.session_id)).session }),
  );
  optimistic(
    "session.send",
    (payload) => payload.client_message_id,
    async (payload) => ({ message: await liveChat.sendAgentMessage(await actor(payload.session_id), payload.session_id, payload.body, payload.client_message_id) }),
  );
}
