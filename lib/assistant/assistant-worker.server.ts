import type { LiveChat } from "../chat/live-chat.server";
import type { AssistantConfig } from "../config/env.server";
import type { PrismaClient } from "../db/prisma-client.server";
import type { Logger } from "../observability/logger";
import type { Metrics } from "../observability/metrics.server";
import { startIntervalWorker, type IntervalWorker } from "../server/interval-worker.server";
import { builtinProvider } from "./builtin-provider.server";
import { openAICompatibleProvider } from "./openai-compatible-provider.server";
import type { AssistantProvider } from "./provider";
import { createAssistantTaskRunner } from "./task-runner.server";
import type { AssistantTaskQueue } from "./task-queue.server";

/** A task still PENDING this long after its message was stored lost its job (or never got one). */
const REDISPATCH_AFTER_MS = 30_000;
const SWEEP_INTERVAL_MS = 15_000;
const SWEEP_BATCH = 100;

export function createAssistantProvider(config: AssistantConfig): AssistantProvider {
  return config.provider === "openai-compatible" ? openAICompatibleProvider(config.openai) : builtinProvider(config.minRelevance);
}

export interface AssistantWorkerDeps {
  db: PrismaClient;
  liveChat: LiveChat;
  queue: AssistantTaskQueue;
  config: AssistantConfig;
  logger: Logger;
  metrics: Metrics;
  provider?: AssistantProvider;
}

export interface AssistantWorker {
  /** The task sweep's health (for /health/detailed). */
  sweep: IntervalWorker;
  /** One sweep now (tests, and the interval). */
  sweepOnce(now?: Date): Promise<{ redispatched: number; handedOff: number }>;
  stop(timeoutMs: number): Promise<void>;
}

/**
 * Answers assistant tasks in this process: the same code in the server (by default) and in
 * `npm run worker` processes, any number of them on one database. Its sweep re-sends tasks whose
 * job went missing and hands off tasks that stopped being retried.
 */
export async function startAssistantWorker(deps: AssistantWorkerDeps): Promise<AssistantWorker> {
  const { db, liveChat, queue, logger } = deps;
  const runner = createAssistantTaskRunner({ db, liveChat, provider: deps.provider ?? createAssistantProvider(deps.config), config: deps.config, logger, metrics: deps.metrics });
  await queue.work(runner.run);

  async function sweepOnce(now = new Date()) {
    const lost = await db.assistantTask.findMany({
      where: { status: "PENDING", createdAt: { lt: new Date(now.getTime() - REDISPATCH_AFTER_MS) } },
      select: { id: true },
      take: SWEEP_BATCH,
    });
    for (const task of lost) await queue.dispatch(task.id);
    const stuck = await db.assistantTask.findMany({
      where: { status: { in: ["PENDING", "RUNNING"] }, updatedAt: { lt: new Date(now.getTime() - queue.giveUpAfterMs) } },
      select: { id: true, businessId: true, sessionId: true, messageId: true },
      take: SWEEP_BATCH,
    });
    for (const task of stuck) await runner.giveUp(task);
    return { redispatched: lost.length, handedOff: stuck.length };
  }

  const sweep = startIntervalWorker("assistant-sweep", SWEEP_INTERVAL_MS, sweepOnce, logger);
  return {
    sweep,
    sweepOnce,
    async stop(timeoutMs) {
      await sweep.stop();
      await queue.stop(timeoutMs);
    },
  };
}
