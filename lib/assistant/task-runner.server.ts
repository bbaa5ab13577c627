import type { AssistantTaskRef, Handoff } from "../chat/assistant-turn.server";
import { skipTask } from "../chat/assistant-turn.server";
import type { LiveChat } from "../chat/live-chat.server";
import type { AssistantConfig } from "../config/env.server";
import type { PrismaClient } from "../db/prisma-client.server";
import { describeError, type Logger } from "../observability/logger";
import type { Metrics } from "../observability/metrics.server";
import { handoffSummary } from "./handoff-summary";
import { searchKnowledge } from "./knowledge-search.server";
import { asksForPerson } from "./person-request";
import type { AssistantOutcome, AssistantProvider, AssistantRequest } from "./provider";
import type { TaskRun } from "./task-queue.server";
import { systemScope } from "../tenancy/memberships.server";

/** Messages of the conversation a provider sees (the newest ones, up to the question). */
const HISTORY_LIMIT = 20;

export interface AssistantTaskRunnerDeps {
  db: PrismaClient;
  liveChat: LiveChat;
  provider: AssistantProvider;
  config: Pick<AssistantConfig, "timeoutMs">;
  logger: Logger;
  metrics: Metrics;
}

type RunOutcome = "answered" | "handoff" | "skipped" | "retry" | "failed";

/**
 * One run of one assistant task, as the job queue calls it (possibly again after a crash, or on
 * two workers at once after an expiry): a settled task is not run again, and the answer's store
 * is keyed by the task, so the customer gets one answer. Provider trouble (an error, a timeout)
 * hands the chat to a person at once; anything else throws, and the queue retries with backoff
 * until the final attempt, which hands off instead of leaving the customer waiting.
 */
export function createAssistantTaskRunner({ db, liveChat, provider, config, logger, metrics }: AssistantTaskRunnerDeps) {
  async function run(taskRun: TaskRun): Promise<void> {
    const started = performance.now();
    let outcome: RunOutcome = "retry";
    try {
      outcome = await answer(taskRun);
    } finally {
      metrics.assistantTasks.inc({ outcome });
      metrics.assistantTaskDuration.observe({ outcome }, (performance.now() - started) / 1000);
    }
  }

  async function answer({ taskId, finalAttempt }: TaskRun): Promise<RunOutcome> {
    const task = await db.assistantTask.findUnique({ where: { id: taskId }, select: { id: true, businessId: true, sessionId: true, messageId: true, status: true } });
    if (!task || task.status === "SUCCEEDED" || task.status === "FAILED") return "skipped";
    const ref: AssistantTaskRef = { id: task.id, businessId: task.businessId, sessionId: task.sessionId };
    let request: AssistantRequest | null = null;
    try {
      await db.assistantTask.update({ where: { id: task.id }, data: { status: "RUNNING", attempts: { increment: 1 } } });
      request = await loadRequest(db, ref, task.messageId);
      if (!request) {
        await skipTask(db, ref, "session is no longer the assistant's");
        return "skipped";
      }
      const decision = await decide(request, ref);
      if (decision.kind === "answer") return (await liveChat.assistantAnswered(ref, decision.text, { article_id: decision.articleId })) ? "answered" : "skipped";
      return (await liveChat.handOff(ref, handoffFor(request, decision.reason, "SUCCEEDED"))) ? "handoff" : "skipped";
    } catch (error) {
      if (!finalAttempt) throw error;
      logger.error("assistant task failed for good; handing off", { taskId, error: describeError(error) });
      await liveChat.handOff(ref, handoffFor(request, "The assistant failed to answer", "FAILED"));
      return "failed";
    }
  }

  /** A task that never settled (its worker and every retry gone): the chat goes to a person. */
  async function giveUp(task: AssistantTaskRef & { messageId: string | null }): Promise<void> {
    const request = await loadRequest(db, task, task.messageId).catch(() => null);
    await liveChat.handOff(task, handoffFor(request, "The assistant did not answer in time", "FAILED"));
  }

  return { run, giveUp };

  async function decide(request: AssistantRequest, task: AssistantTaskRef): Promise<AssistantOutcome> {
    if (asksForPerson(request.question)) return { kind: "handoff", reason: "The customer asked for a person" };
    const signal = AbortSignal.timeout(config.timeoutMs);
    // The customer sees the assistant at work until the first piece, the answer or the handoff arrives.
    liveChat.assistantWorking(task.sessionId);
    try {
      return await provider.answer(request, { signal, onDelta: (delta) => liveChat.assistantDelta(task.sessionId, task.id, delta) });
    } catch (error) {
      logger.warn("assistant provider failed; handing off", { taskId: task.id, error: describeError(error) });
      return { kind: "handoff", reason: signal.aborted ? "The assistant took too long to answer" : "The assistant could not answer (provider error)" };
    }
  }
}

function handoffFor(request: AssistantRequest | null, reason: string, taskStatus: Handoff["taskStatus"]): Handoff {
  const summary = request
    ? handoffSummary({ question: request.question, history: request.history, closestArticle: request.articles[0]?.title ?? null })
    : "The conversation could not be read for a summary.";
  return { reason, summary, taskStatus };
}

/** The question, the conversation up to it and the matching articles; null once the chat is not the assistant's. */
async function loadRequest(db: PrismaClient, task: AssistantTaskRef, messageId: string | null): Promise<AssistantRequest | null> {
  const session = await db.chatSession.findFirst({
    where: { id: task.sessionId, businessId: task.businessId },
    select: { status: true, business: { select: { name: true, slug: true } } },
  });
  if (session?.status !== "BOT" || !messageId) return null;
  const question = await db.chatMessage.findFirst({ where: { id: messageId, businessId: task.businessId }, select: { body: true, createdAt: true } });
  if (!question) return null;
  const history = await db.chatMessage.findMany({
    where: { sessionId: task.sessionId, businessId: task.businessId, createdAt: { lte: question.createdAt } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: HISTORY_LIMIT,
    select: { author: true, body: true },
  });
  const articles = await searchKnowledge(db, systemScope(task.businessId, "job"), question.body);
  return { business: session.business, question: question.body, history: history.reverse(), articles };
}
