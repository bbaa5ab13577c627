import type { PrismaClient } from "../db/prisma-client.server";
import type { Logger } from "../observability/logger";
import { createCoalescer } from "../realtime/coalescer";
import type { LivePublisher } from "../realtime/live-publisher.server";
import {
  changeAgentStatus,
  claimSession,
  closeSession,
  sendAgentMessage,
  setAgentStatus,
  transferSession,
  type AgentStatusChange,
  type StaffActor,
} from "./agent-actions.server";
import type { AgentStatusName, ChatInitBody } from "./contract";
import { endChatByCustomer, postCustomerMessage, rateChat, startChat, type CustomerMessageTarget, type CustomerSessionRef } from "./customer-chat.server";
import { routeWaitingSessions, routingMode } from "./routing.server";
import { transitionSession, type SessionChange } from "./session-store.server";

/** A transition that no longer applies once its row is locked: rolled back, nothing published. */
class NothingToDo extends Error {}

export interface LiveChatDependencies {
  db: PrismaClient;
  publisher: LivePublisher;
  logger: Logger;
}

/**
 * The live-chat use cases as the HTTP API and the sockets call them: each one commits its change,
 * hands it to the publisher and, where a slot or a waiting session appeared, lets auto routing run.
 */
export type LiveChat = ReturnType<typeof createLiveChat>;

export function createLiveChat({ db, publisher, logger }: LiveChatDependencies) {
  // One routing run per business at a time; triggers arriving meanwhile cause one more run.
  const routing = createCoalescer<"route">(
    0,
    async (businessId) => {
      const business = await db.business.findUnique({ where: { id: businessId }, select: { settings: true } });
      if (!business || routingMode(business.settings) !== "auto") return;
      for (const change of await routeWaitingSessions(db, businessId)) publisher.sessionChanged(change);
    },
    (error) => logger.error("auto routing failed", { error: String(error) }),
  );

  /** A session entered the queue, or someone's slot freed up. */
  const routingMayAssign = (change: SessionChange) =>
    change.session.status === "WAITING"
      ? change.previousStatus !== "WAITING"
      : change.previousStatus === "ACTIVE" && (change.session.status !== "ACTIVE" || change.reason === "transferred");

  function published(change: SessionChange): SessionChange {
    publisher.sessionChanged(change);
    if (routingMayAssign(change)) routing.add(change.businessId, ["route"]);
    return change;
  }

  function publishedStatus(change: AgentStatusChange | null): AgentStatusChange | null {
    if (!change) return null;
    publisher.agentStatusChanged(change);
    if (change.agent.status === "ONLINE") routing.add(change.businessId, ["route"]);
    return change;
  }

  return {
    async startChat(input: ChatInitBody) {
      const started = await startChat(db, input);
      published(started.change);
      return started;
    },
    async postCustomerMessage(target: CustomerMessageTarget, body: string, clientMessageId: string) {
      const result = await postCustomerMessage(db, target, body, clientMessageId);
      if (result.change) published(result.change);
      return result.message;
    },
    async endChat(ref: CustomerSessionRef) {
      const change = await endChatByCustomer(db, ref);
      if (change) published(change);
      return change;
    },
    async rateChat(ref: CustomerSessionRef, score: number, comment?: string) {
      const change = await rateChat(db, ref, score, comment);
      if (change) published(change);
    },

    claimSession: async (actor: StaffActor, sessionId: string) => published(await claimSession(db, actor, sessionId)),
    transferSession: async (actor: StaffActor, sessionId: string, agentId: string) => published(await transferSession(db, actor, sessionId, agentId)),
    closeSession: async (actor: StaffActor, sessionId: string) => published(await closeSession(db, actor, sessionId)),
    async sendAgentMessage(actor: StaffActor, sessionId: string, body: string, clientMessageId: string) {
      const result = await sendAgentMessage(db, actor, sessionId, body, clientMessageId);
      if (result.change) published(result.change);
      return result.message;
    },
    setStatus: async (actor: StaffActor, status: AgentStatusName) => publishedStatus(await setAgentStatus(db, actor, status)),

    /** Safety net (and boot): auto routing for every business with waiting chats, e.g. after a restart. */
    async routeAllWaiting() {
      const businesses = await db.chatSession.groupBy({ by: ["businessId"], where: { status: "WAITING" } });
      for (const { businessId } of businesses) routing.add(businessId, ["route"]);
    },

    /** Presence expiry: the agent's sockets have all been gone for the grace period. */
    async expireAgent(businessId: string, agentId: string, disconnectedBefore: Date) {
      return publishedStatus(
        await changeAgentStatus(db, businessId, agentId, "OFFLINE", new Date(), (agent) => agent.disconnectedAt !== null && agent.disconnectedAt <= disconnectedBefore),
      );
    },

    /** The customer left the queue without ending the chat (their page has been gone for the grace period). */
    async abandonWaiting(businessId: string, sessionId: string, leftBefore: Date) {
      const now = new Date();
      const change = await transitionSession(db, {
        businessId,
        sessionId,
        reason: "abandoned",
        async apply(tx, current) {
          // Re-checked under the row lock: claimed, ended or back since the sweep read it.
          const row = await tx.chatSession.findUniqueOrThrow({ where: { id: current.id }, select: { customerLeftAt: true } });
          if (current.status !== "WAITING" || !row.customerLeftAt || row.customerLeftAt > leftBefore) throw new NothingToDo();
          return { status: "ABANDONED", closedAt: now };
        },
      }).catch((error: unknown) => {
        if (error instanceof NothingToDo) return null;
        throw error;
      });
      return change ? published(change) : null;
    },

    publisher,
    idle: async () => {
      await routing.idle();
      await publisher.idle();
    },
    close() {
      routing.close();
      publisher.close();
    },
  };
}
