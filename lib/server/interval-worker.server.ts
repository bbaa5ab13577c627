import { describeError, type Logger } from "../observability/logger";
import { systemClock, type Clock } from "./clock.server";

export interface IntervalWorker {
  name: string;
  status(): { status: "running" | "stopped" | "error"; detail?: string };
  stop(): Promise<void>;
}

export interface IntervalWorkerOptions {
  /** Time and timers; tests pass a manual clock. */
  clock?: Clock;
  /** Runs at whole multiples of the interval since the epoch (after the first run), where boundaries of time windows fall. */
  aligned?: boolean;
}

/** Runs `task` now and every `intervalMs` (never overlapping itself); stop() waits for a run in progress. */
export function startIntervalWorker(name: string, intervalMs: number, task: () => Promise<unknown>, logger: Logger, options: IntervalWorkerOptions = {}): IntervalWorker {
  const clock = options.clock ?? systemClock;
  let running: Promise<unknown> | undefined;
  let lastError: string | undefined;
  let stopped = false;
  let next: { cancel(): void } | undefined;
  const delay = () => (options.aligned ? intervalMs - (clock.now().getTime() % intervalMs) : intervalMs);
  // Returns the run it started, so a manual clock can await it.
  const tick = () => {
    if (stopped) return;
    next = clock.schedule(delay(), tick);
    if (running) return;
    running = task()
      .then(() => (lastError = undefined))
      .catch((error: unknown) => {
        const facts = describeError(error);
        lastError = [facts.name, facts.code ?? facts.sqlState, facts.message].filter(Boolean).join(" ");
        logger.error("worker run failed", { worker: name, error: facts });
      })
      .finally(() => (running = undefined));
    return running;
  };
  tick();
  return {
    name,
    status: () => (stopped ? { status: "stopped" } : lastError ? { status: "error", detail: lastError } : { status: "running" }),
    async stop() {
      stopped = true;
      next?.cancel();
      await running;
    },
  };
}
