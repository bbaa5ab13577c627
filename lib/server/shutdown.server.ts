import type { Server } from "node:http";
import { describeError, type Logger } from "../observability/logger";

type Step = { name: string; stop: (budgetMs: number) => Promise<unknown> };

/** Longest time in-flight requests get to finish once the server stops accepting; then their connections are cut. */
const HTTP_DRAIN_MS = 2_000;

/** A promise that settles by `ms` at the latest: "timeout" when `work` did not finish first. */
export function within(work: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), ms).unref()));
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Graceful stop: runs the registered steps in reverse order of registration (last started,
 * first stopped), each awaited, within one deadline. The last step (`add(..., { last: true })`:
 * the embedded database) always runs, also when an earlier step hangs: the app's steps get the
 * deadline minus the last step's reserve, so the database is stopped well inside the deadline and
 * no postgres or postmaster.pid outlives the process.
 */
export function createShutdown(logger: Logger, timeoutMs: number) {
  const steps: Step[] = [];
  let last: Step | undefined;
  let running: Promise<void> | undefined;
  // A third of the deadline, at most 5 s: enough for a fast shutdown of an idle PostgreSQL.
  const lastReserveMs = Math.min(5_000, Math.floor(timeoutMs / 3));

  async function runSteps() {
    for (const step of [...steps].reverse()) {
      try {
        await step.stop(timeoutMs - lastReserveMs);
        logger.debug("stopped", { step: step.name });
      } catch (error) {
        logger.error("shutdown step failed", { step: step.name, error: describeError(error) });
      }
    }
  }

  return {
    add(name: string, stop: (budgetMs: number) => Promise<unknown>, options: { last?: boolean } = {}) {
      if (options.last) last = { name, stop };
      else steps.push({ name, stop });
    },
    run(reason: string, exitCode = 0): Promise<void> {
      running ??= (async () => {
        logger.info("shutting down", { reason });
        if ((await within(runSteps(), timeoutMs - lastReserveMs)) === "timeout") {
          logger.error("shutdown deadline passed; stopping the database and exiting anyway", { timeoutMs });
          exitCode = exitCode || 1;
        }
        if (last) {
          const stopped = await within(
            last.stop(lastReserveMs).catch((error: unknown) => logger.error("shutdown step failed", { step: last!.name, error: describeError(error) })),
            lastReserveMs,
          );
          if (stopped === "timeout") logger.error("shutdown step did not finish in its reserve", { step: last.name, reserveMs: lastReserveMs });
        }
        process.exit(exitCode);
      })();
      return running;
    },
    /**
     * Stop accepting, close long-lived connections (sockets), let in-flight requests finish for a
     * bounded time, then cut what is left (keep-alive clients in a burst would otherwise keep
     * sending requests on their open connections).
     */
    async closeHttpServer(server: Server, closeLongLived: () => Promise<void>): Promise<void> {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Timed from the start: closing the sockets also waits for the HTTP server (Socket.IO closes it).
      const cut = setTimeout(() => {
        logger.warn("requests still open after the drain; closing their connections", { drainMs: HTTP_DRAIN_MS });
        server.closeAllConnections();
      }, HTTP_DRAIN_MS);
      try {
        await closeLongLived();
        await closed;
      } finally {
        clearTimeout(cut);
      }
    },
  };
}
