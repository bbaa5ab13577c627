import { describeError, type Logger } from "../observability/logger";

export interface IntervalWorker {
  name: string;
  status(): { status: "running" | "stopped" | "error"; detail?: string };
  stop(): Promise<void>;
}

/** Runs `task` every `intervalMs` (never overlapping itself); stop() waits for a run in progress. */
export function startIntervalWorker(name: string, intervalMs: number, task: () => Promise<unknown>, logger: Logger): IntervalWorker {
  let running: Promise<unknown> | undefined;
  let lastError: string | undefined;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = task()
      .then(() => (lastError = undefined))
      .catch((error: unknown) => {
        const facts = describeError(error);
        lastError = [facts.name, facts.code ?? facts.sqlState, facts.message].filter(Boolean).join(" ");
        logger.error("worker run failed", { worker: name, error: facts });
      })
      .finally(() => (running = undefined));
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return {
    name,
    status: () => (stopped ? { status: "stopped" } : lastError ? { status: "error", detail: lastError } : { status: "running" }),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
