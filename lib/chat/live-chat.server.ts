import type { Prisma } from "../db/generated/client";
import type { PrismaClient } from "../db/prisma-client.server";
import { describeError, type Logger } from "../observability/logger";
import { createCoalescer } from "../server/coalescer";
import { changeAgentStatus, claimSession, closeSession, sendAgentMessage, setAgentStatus, transferSession, type AgentStatusChange, type StaffActor } from "./agent-actions.server";
import { isQueued, type AgentStatusName, type SessionNoteInput } from "../contract/staff";
import type { TagsUpdated } from "../contract/tags";
import type { SavedRepliesUpdated } from "../contract/saved-replies";
import type { ChatInitBody } from "../contract/customer-chat";
import { endChatByCustomer, endedByCustomer, postCustomerMessage, rateChat, startChat, type CustomerMessageTarget, type CustomerSessionRef } from "./customer-chat.server";
import { handOffToQueue, storeAssistantAnswer, type AssistantTaskRef, type Handoff } from "./assistant-turn.server";
import { businessSettings } from "./business-lookup.server";
import { routeWaitingSessions, routingMode } from "./routing.server";
import { businessesWithOfflineChats, queueOfflineChats } from "./offline-chats.server";
import type { ChangePublisher } from "./ports";
import { NothingToDo, transitionIfStillApplicable, type SessionChange } from "./session-store.server";
import { addSessionNote, type NoteAuthor } from "./session-notes.server";
import { openAttachment, sendStoredUpload, storeUpload, type AttachmentSettings, type IncomingFile, type StoredUpload } from "./attachments.server";
import { AppError, notFound } from "../errors/app-error";
import { isUuid } from "../tenancy/memberships.server";

export interface LiveChatDependencies {
  db: PrismaClient;
  publisher: ChangePublisher;
  logger: Logger;
  /** Enqueues the assistant's answer to a customer message (the job queue); unset = no assistant here. */
  dispatchAssistantTask?: (taskId: string) => Promise<void>;
  /** Where files sent as messages are kept; unset = attachments are refused here (503). */
  attachments?: AttachmentSettings;
}

/**
 * The live-chat use cases as the HTTP API and the sockets call them: each one commits its change,
 * hands it to the publisher and, where a slot or a waiting session appeared, lets auto routing run.
 */
export type LiveChat = ReturnType<typeof createLiveChat>;

/** What every use case shares: the commit → publish → maybe route step. */
function liveChatCore({ db, publisher, logger, dispatchAssistantTask, attachments }: LiveChatDependencies) {
  // One routing run per business at a time; triggers arriving meanwhile cause one more run.
  const routing = createCoalescer<"route">(
    0,
    async (businessId) => {
      const settings = await businessSettings(db, businessId);
      if (settings === null || routingMode(settings) !== "auto") return;
      for (const change of await routeWaitingSessions(db, businessId)) publisher.sessionChanged(change);
    },
    (error) => logger.error("auto routing failed", { error: describeError(error) }),
  );

  // One desk opening per business at a time (its offline messages join the queue); triggers meanwhile cause one more.
  const deskOpening = createCoalescer<"open">(
    0,
    async (businessId) => {
      for (const change of await queueOfflineChats(db, businessId)) published(change);
    },
    (error) => logger.error("queueing offline chats failed", { error: describeError(error) }),
  );

  /** A session entered the queue, or someone's slot freed up. */
  const routingMayAssign = (change: SessionChange) =>
    isQueued(change.session) ? !change.previousQueued : change.previousStatus === "ACTIVE" && (change.session.status !== "ACTIVE" || change.reason === "transferred");

  function published(change: SessionChange): SessionChange {
    publisher.sessionChanged(change);
    if (routingMayAssign(change)) routing.add(change.businessId, ["route"]);
    return change;
  }

  return {
    db,
    publisher,
    routing,
    deskOpening,
    published,
    requireAttachments(): AttachmentSettings {
      if (!attachments) throw new AppError("unavailable", "Attachments are not available on this server.");
      return attachments;
    },
    /**
     * After the commit, so a worker never sees a task before its message. Should this fail (or the
     * process die first), the task is still PENDING in the database and the assistant's sweep
     * dispatches it again.
     */
    dispatched(taskId: string | null) {
      if (!taskId || !dispatchAssistantTask) return;
      dispatchAssistantTask(taskId).catch((error: unknown) => logger.warn("assistant task dispatch failed; the sweep retries it", { taskId, error: describeError(error) }));
    },
    publishedStatus(change: AgentStatusChange | null): AgentStatusChange | null {
      if (!change) return null;
      publisher.agentStatusChanged(change);
      if (change.agent.status === "ONLINE") {
        // Someone is here: the desk may have opened for the business's offline messages.
        deskOpening.add(change.businessId, ["open"]);
        routing.add(change.businessId, ["route"]);
      }
      return change;
    },
  };
}
type Core = ReturnType<typeof liveChatCore>;

/** The customer's side: start, write, send a file, end, rate. */
function customerUseCases({ db, published, dispatched, requireAttachments }: Core) {
  return {
    async startChat(input: ChatInitBody) {
      const started = await startChat(db, input);
      published(started.change);
      dispatched(started.taskId);
      return started;
    },
    async postCustomerMessage(target: CustomerMessageTarget, body: string, clientMessageId: string) {
      const result = await postCustomerMessage(db, target, body, clientMessageId);
      if (result.change) published(result.change);
      dispatched(result.taskId);
      // A retried message answers with the task its first delivery created, if any.
      const taskId = result.created ? result.taskId : ((await db.assistantTask.findUnique({ where: { messageId: result.message.id }, select: { id: true } }))?.id ?? null);
      return { message: result.message, taskId };
    },
    /** A file as a message of the customer (the same path as text: idempotent, versioned, pushed, answered or routed). */
    async postCustomerAttachment(ref: CustomerSessionRef, file: IncomingFile) {
      const upload = await storeUpload(requireAttachments(), ref.businessId, file);
      const result = await sendStoredUpload(upload, ({ attachment, body }) =>
        postCustomerMessage(db, { sessionId: ref.sessionId, scope: { businessId: ref.businessId } }, body, file.query.client_message_id, attachment),
      );
      if (result.change) published(result.change);
      dispatched(result.taskId);
      return result;
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
  };
}

/** The staff's side: claim, transfer, close, reply, send a file, private note, status. */
function staffUseCases({ db, publisher, published, publishedStatus, requireAttachments }: Core) {
  return {
    claimSession: async (actor: StaffActor, sessionId: string) => published(await claimSession(db, actor, sessionId)),
    transferSession: async (actor: StaffActor, sessionId: string, agentId: string) => published(await transferSession(db, actor, sessionId, agentId)),
    closeSession: async (actor: StaffActor, sessionId: string) => published(await closeSession(db, actor, sessionId)),
    async sendAgentMessage(actor: StaffActor, sessionId: string, body: string, clientMessageId: string) {
      const result = await sendAgentMessage(db, actor, sessionId, body, clientMessageId);
      if (result.change) published(result.change);
      return result.message;
    },
    /** A file as the holder's reply (the same rules and path as sendAgentMessage). */
    sendAgentAttachment: (actor: StaffActor, sessionId: string, file: IncomingFile) =>
      sendAgentFile(actor, sessionId, file.query.client_message_id, (settings) => storeUpload(settings, actor.businessId, file)),
    /** A file put in the store by `store` (uploaded, or copied from a saved reply's) as the holder's reply. */
    sendAgentFile,
    setStatus: async (actor: StaffActor, status: AgentStatusName) => publishedStatus(await setAgentStatus(db, actor, status)),
    /** Stored, then pushed to the business's staff (a retry pushes nothing again); never to the customer. */
    async addNote(author: NoteAuthor, sessionId: string, input: SessionNoteInput) {
      const added = await addSessionNote(db, author, sessionId, input);
      if (added.created) publisher.noteAdded(author.businessId, added.note);
      return added;
    },
  };

  async function sendAgentFile(actor: StaffActor, sessionId: string, clientMessageId: string, store: (settings: AttachmentSettings) => Promise<StoredUpload>) {
    if (!isUuid(sessionId)) throw notFound("Chat session");
    const upload = await store(requireAttachments());
    const result = await sendStoredUpload(upload, async ({ attachment, body }) => {
      const sent = await sendAgentMessage(db, actor, sessionId, body, clientMessageId, attachment);
      return { ...sent, created: sent.change !== null };
    });
    if (result.change) published(result.change);
    return result;
  }
}

/** The assistant's turn: an answer, or a handoff to the queue (where auto routing may assign it). */
function assistantUseCases({ db, published }: Core) {
  return {
    /** The assistant's answer to one task: stored once, then pushed to the customer and staff. */
    async assistantAnswered(task: AssistantTaskRef, text: string, result: Prisma.InputJsonObject) {
      const appended = await storeAssistantAnswer(db, task, text, result);
      if (appended?.change) published(appended.change);
      return appended?.message ?? null;
    },
    async handOff(task: AssistantTaskRef, handoff: Handoff) {
      const change = await handOffToQueue(db, task, handoff);
      return change ? published(change) : null;
    },
  };
}

/** Presence expiry, desks opening on the clock, and the safety net for routing. */
function reconcileUseCases({ db, routing, deskOpening, published, publishedStatus }: Core) {
  return {
    /** Business hours that began since the last pass (or a missed trigger): offline messages join their queues. */
    async openDesks() {
      for (const businessId of await businessesWithOfflineChats(db)) deskOpening.add(businessId, ["open"]);
      await deskOpening.idle();
    },
    /** Safety net (and boot): auto routing for every business with waiting chats, e.g. after a restart. */
    async routeAllWaiting() {
      const businesses = await db.chatSession.groupBy({ by: ["businessId"], where: { status: "WAITING" } });
      for (const { businessId } of businesses) routing.add(businessId, ["route"]);
    },
    /** The agent's sockets have all been gone for the grace period. */
    async expireAgent(businessId: string, agentId: string, disconnectedBefore: Date) {
      return publishedStatus(await changeAgentStatus(db, businessId, agentId, "OFFLINE", new Date(), (agent) => agent.disconnectedAt !== null && agent.disconnectedAt <= disconnectedBefore));
    },
    /**
     * The customer's page has been gone for the grace period: a chat waiting for a person is
     * abandoned; one the assistant held is over (closed without a person: the assistant's).
     */
    async customerGone(businessId: string, sessionId: string, leftBefore: Date) {
      const now = new Date();
      const change = await transitionIfStillApplicable(db, {
        businessId,
        sessionId,
        reason: (current) => endedByCustomer(current.status).reason,
        async apply(tx, current) {
          // Re-checked under the row lock: claimed, ended or back since the sweep read it.
          const row = await tx.chatSession.findUniqueOrThrow({ where: { id: current.id }, select: { customerLeftAt: true, offlineAt: true } });
          if (!row.customerLeftAt || row.customerLeftAt > leftBefore || (current.status !== "WAITING" && current.status !== "BOT")) throw new NothingToDo();
          // An offline message's customer left on purpose: it waits for a reply (by email, or when they are back).
          if (row.offlineAt !== null) throw new NothingToDo();
          return { status: endedByCustomer(current.status).status, closedAt: now };
        },
      });
      return change ? published(change) : null;
    },
  };
}

/** What team and settings changes mean for live chat (the change itself is already committed). */
function teamUseCases({ db, routing, deskOpening, published, publishedStatus }: Core) {
  return {
    /** The business's hours changed: its desk may be open now. */
    openDesk: (businessId: string) => deskOpening.add(businessId, ["open"]),
    /** Capacity or routing mode changed: auto routing may assign waiting chats now. */
    routeBusiness: (businessId: string) => routing.add(businessId, ["route"]),
    /**
     * A member left the business: their agent goes OFFLINE and the chats they held go back to the
     * queue, at their old place (they were already being served), for the rest of the team.
     */
    async memberRemoved(businessId: string, agentId: string) {
      publishedStatus(await changeAgentStatus(db, businessId, agentId, "OFFLINE"));
      const held = await db.chatSession.findMany({ where: { businessId, assignedAgentId: agentId, status: "ACTIVE" }, select: { id: true } });
      for (const { id } of held) {
        const change = await transitionIfStillApplicable(db, {
          businessId,
          sessionId: id,
          reason: "queued",
          async apply(_tx, current) {
            if (current.status !== "ACTIVE" || current.assignedAgentId !== agentId) throw new NothingToDo();
            return { status: "WAITING", assignedAgentId: null, assignedAt: null };
          },
        });
        if (change) published(change);
      }
    },
  };
}

export function createLiveChat(deps: LiveChatDependencies) {
  const core = liveChatCore(deps);
  const { publisher, routing, deskOpening } = core;
  return {
    ...customerUseCases(core),
    ...staffUseCases(core),
    ...assistantUseCases(core),
    ...reconcileUseCases(core),
    ...teamUseCases(core),

    /** Passing signals: not stored, only shown (throttled per chat by the publisher). */
    customerTyping: (businessId: string, sessionId: string, typing: boolean) => publisher.customerTyping(businessId, sessionId, typing),
    agentTyping: (sessionId: string, typing: boolean) => publisher.typingToCustomer(sessionId, "AGENT", typing),
    assistantWorking: (sessionId: string) => publisher.typingToCustomer(sessionId, "ASSISTANT", true),
    assistantDelta: (sessionId: string, messageId: string, delta: string) => publisher.messageDelta(sessionId, messageId, delta),

    /** The file behind a signed attachment link (GET /api/v1/attachments/{id}). */
    openAttachment: (attachmentId: string, expires: string | null, signature: string | null) => openAttachment(core.db, core.requireAttachments().store, attachmentId, expires, signature),

    /** A session change committed by another domain (a chat's tags, lib/tags): published like live chat's own. */
    publishSessionChange: (change: SessionChange) => core.published(change),
    /** The business's tag list changed: to its staff. */
    publishTagList: (update: TagsUpdated) => publisher.tagsChanged(update),
    /** The business's saved replies changed: to its staff. */
    publishSavedReplies: (update: SavedRepliesUpdated) => publisher.savedRepliesChanged(update),
    /** Where attachments are kept (503 when not here): saved replies keep their files there too. */
    attachmentSettings: () => core.requireAttachments(),

    idle: async () => {
      await deskOpening.idle();
      await routing.idle();
      await publisher.idle();
    },
    close() {
      deskOpening.close();
      routing.close();
      publisher.close();
    },
  };
}
