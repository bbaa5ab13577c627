import type { Server } from "node:http";
import { describeError, type Logger } from "../observability/logger";

type Step = { name: string; stop: () => Promise<unknown> };

/**
 * Graceful stop: runs the registered steps in reverse order of registration (last started,
 * first stopped), each awaited, with one overall deadline so a stuck step cannot hang the exit.
 */
export function createShutdown(logger: Logger, timeoutMs: number) {
  const steps: Step[] = [];
  let running: Promise<void> | undefined;

  async function runSteps() {
    for (const step of [...steps].reverse()) {
      try {
        await step.stop();
        logger.debug("stopped", { step: step.name });
      } catch (error) {
        logger.error("shutdown step failed", { step: step.name, error: describeError(error) });
      }
    }
  }

  return {
    add(name: string, stop: () => Promise<unknown>) {
      steps.push({ name, stop });
    },
    run(reason: string, exitCode = 0): Promise<void> {
      running ??= (async () => {
        logger.info("shutting down", { reason });
        const deadline = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), timeoutMs).unref());
        if ((await Promise.race([runSteps(), deadline])) === "timeout") {
          logger.error("shutdown deadline passed; exiting anyway", { timeoutMs });
          exitCode = exitCode || 1;
        }
        process.exit(exitCode);
      })();
      return running;
    },
    /** Stop accepting, close long-lived connections (sockets), let in-flight requests finish. */
    async closeHttpServer(server: Server, closeLongLived: () => Promise<void>): Promise<void> {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closeLongLived();
      await closed;
    },
  };
}
