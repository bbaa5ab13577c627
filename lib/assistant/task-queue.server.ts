import PgBoss from "pg-boss";
import type { AssistantConfig } from "../config/env.server";
import { describeError, type Logger } from "../observability/logger";

const QUEUE = "assistant-tasks";
/** Tries per task: the first run and three retries (2 s, 4 s, 8 s apart) before the chat goes to a person. */
const RETRY_LIMIT = 3;
const RETRY_DELAY_SECONDS = 2;

export interface TaskRun {
  taskId: string;
  /** No retry follows if this run fails: the runner must settle the chat itself (hand it off). */
  finalAttempt: boolean;
}

export interface AssistantTaskQueue {
  /** Enqueues a task's job; sending one task twice is a no-op (the job id is the task id). */
  dispatch(taskId: string): Promise<void>;
  /** Runs tasks in this process: `concurrency` at a time. A throwing run is retried with backoff. */
  work(run: (task: TaskRun) => Promise<void>): Promise<void>;
  /** How long after its last try a task that never finished is surely not coming back. */
  readonly giveUpAfterMs: number;
  /** Stops taking tasks and waits for the running ones (up to `timeoutMs`). */
  stop(timeoutMs: number): Promise<void>;
}

/**
 * The durable job queue for assistant tasks: pg-boss on the application's own PostgreSQL (schema
 * `pgboss`, which Prisma ignores). A job taken by a worker that dies stays active until its
 * expiry, then the queue's maintenance fails it and it is retried by whichever worker polls
 * next: no task is lost, and the task runner makes sure no chat is answered twice.
 */
export async function startAssistantTaskQueue(databaseUrl: string, config: AssistantConfig["queue"], logger: Logger): Promise<AssistantTaskQueue> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: "pgboss",
    max: config.concurrency + 2,
    maintenanceIntervalSeconds: config.maintenanceSeconds,
    schedule: false,
  });
  boss.on("error", (error) => logger.error("assistant queue error", { error: describeError(error) }));
  await boss.start();
  await boss.createQueue(QUEUE, { name: QUEUE, policy: "standard" }).catch(async (error: unknown) => {
    // Another process created it at the same moment.
    if (!(await boss.getQueue(QUEUE))) throw error;
  });
  const workerIds: string[] = [];
  let next = 0;

  return {
    async dispatch(taskId) {
      await boss.send(
        QUEUE,
        { task_id: taskId },
        {
          id: taskId,
          retryLimit: RETRY_LIMIT,
          retryDelay: RETRY_DELAY_SECONDS,
          retryBackoff: true,
          expireInSeconds: config.expireSeconds,
        },
      );
      // A worker of this process starts on it now instead of at its next poll.
      if (workerIds.length) boss.notifyWorker(workerIds[next++ % workerIds.length]);
    },
    async work(run) {
      for (let i = 0; i < config.concurrency; i++) {
        const id = await boss.work<{ task_id: string }>(QUEUE, { batchSize: 1, pollingIntervalSeconds: config.pollSeconds, includeMetadata: true }, async ([job]) =>
          run({ taskId: job.data.task_id, finalAttempt: job.retryCount >= job.retryLimit }),
        );
        workerIds.push(id);
      }
    },
    giveUpAfterMs: (config.expireSeconds * (RETRY_LIMIT + 1) + RETRY_DELAY_SECONDS * 2 ** (RETRY_LIMIT + 1) + config.maintenanceSeconds * 2) * 1000,
    async stop(timeoutMs) {
      await boss.stop({ graceful: true, wait: true, timeout: Math.max(1000, timeoutMs) });
    },
  };
}
