import type { Prisma } from "../db/generated/client";
import type { DbClient, PrismaClient } from "../db/prisma-client.server";
import { appendMessage, NothingToDo, transitionIfStillApplicable, type AppendedMessage, type SessionChange } from "./session-store.server";
import { messageSelect, toMessageWire } from "./wire.server";
import { businessSettings } from "./business-lookup.server";
import { closedDesk } from "../hours/desk.server";
import { offlineNotice } from "../hours/desk";

/** An assistant task as the chat sees it: which session of which business it answers for. */
export interface AssistantTaskRef {
  id: string;
  businessId: string;
  sessionId: string;
}

/** What the customer reads when the assistant hands them over. */
export const HANDOFF_NOTE = "I'm connecting you with a person from our team. They will see our conversation so far.";

async function settleTask(db: DbClient, task: AssistantTaskRef, status: "SUCCEEDED" | "FAILED", result: Prisma.InputJsonValue) {
  await db.assistantTask.updateMany({ where: { id: task.id, businessId: task.businessId }, data: { status, result } });
}

/** A task whose chat is no longer the assistant's (handed off, taken, ended): done, nothing said. */
export async function skipTask(db: DbClient, task: AssistantTaskRef, why: string): Promise<void> {
  await settleTask(db, task, "SUCCEEDED", { outcome: "skipped", why });
}

/**
 * Stores the assistant's answer and marks its task done, together. The message id is the task's
 * id (and its client_message_id names the task), so a task run twice stores one answer. Nothing
 * is stored if the chat left the assistant meanwhile.
 */
export async function storeAssistantAnswer(db: PrismaClient, task: AssistantTaskRef, text: string, result: Prisma.InputJsonObject): Promise<AppendedMessage | null> {
  return db.$transaction(async (tx) => {
    const [session] = await tx.$queryRaw<{ status: string }[]>`
      SELECT status::text AS status FROM "ChatSession" WHERE id = ${task.sessionId}::uuid AND "businessId" = ${task.businessId}::uuid FOR UPDATE`;
    if (session?.status !== "BOT") {
      await skipTask(tx, task, `session is ${session?.status ?? "gone"}`);
      return null;
    }
    const appended = await appendMessage(tx, {
      id: task.id,
      scope: { businessId: task.businessId },
      sessionId: task.sessionId,
      author: "ASSISTANT",
      body: text,
      clientMessageId: `assistant-task:${task.id}`,
    });
    await settleTask(tx, task, "SUCCEEDED", { outcome: "answered", ...result });
    return appended;
  });
}

export interface Handoff {
  reason: string;
  summary: string;
  /** FAILED when the assistant broke down rather than chose to hand off. */
  taskStatus: "SUCCEEDED" | "FAILED";
}

/**
 * BOT → WAITING: the chat joins the queue with the reason and a context summary for the agent,
 * and the customer is told. The change carries that note as its message, so staff and customer
 * get it with the status. While the desk is closed (docs/decisions/022) the chat becomes an
 * offline message instead: out of the queue until the desk opens, and the note (a SYSTEM message)
 * says when to expect a reply and asks for an email if none is known. A chat that already left the
 * assistant is left alone.
 */
export async function handOffToQueue(db: PrismaClient, task: AssistantTaskRef, handoff: Handoff, now = new Date()): Promise<SessionChange | null> {
  let note: ReturnType<typeof toMessageWire> | null = null;
  const settings = await businessSettings(db, task.businessId);
  const closed = settings === null ? null : await closedDesk(db, { id: task.businessId, settings }, now);
  const change = await transitionIfStillApplicable(db, {
    businessId: task.businessId,
    sessionId: task.sessionId,
    reason: "handoff",
    async apply(tx, current) {
      if (current.status !== "BOT") throw new NothingToDo();
      const customer = closed ? (await tx.chatSession.findUniqueOrThrow({ where: { id: current.id }, select: { customer: { select: { email: true } } } })).customer : null;
      note = toMessageWire(
        await tx.chatMessage.create({
          data: {
            businessId: task.businessId,
            sessionId: task.sessionId,
            author: closed ? "SYSTEM" : "ASSISTANT",
            body: closed ? offlineNotice(closed, now, customer?.email ?? null) : HANDOFF_NOTE,
            clientMessageId: `assistant-handoff:${task.id}`,
            createdAt: now,
          },
          select: messageSelect,
        }),
      );
      await settleTask(tx, task, handoff.taskStatus, { outcome: "handoff", reason: handoff.reason });
      await tx.auditLog.create({ data: { businessId: task.businessId, actorUserId: null, action: "session.handed_off", target: task.sessionId, meta: { reason: handoff.reason, task_id: task.id } } });
      const entry = closed ? { queuedAt: null, offlineAt: now } : { queuedAt: now };
      return { status: "WAITING", ...entry, lastMessageAt: now, handoffReason: handoff.reason, handoffSummary: handoff.summary };
    },
  });
  if (!change) {
    await skipTask(db, task, "session had already left the assistant");
    return null;
  }
  return { ...change, message: note };
}
