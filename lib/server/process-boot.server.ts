import { ConfigError, loadEnv, type Env } from "../config/env.server";
import { createLogger, describeError, type Logger } from "../observability/logger";
import { createShutdown } from "./shutdown.server";

/**
 * The start of every Switchboard process (server.ts, worker.ts): validated config (a bad value
 * exits with the list of problems), the logger, and a graceful shutdown on SIGTERM/SIGINT.
 */
export function bootProcess(): { env: Env; logger: Logger; shutdown: ReturnType<typeof createShutdown> } {
  let env: Env;
  try {
    env = loadEnv();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : describeError(error));
    process.exit(1);
  }
  const logger = createLogger(env.LOG_LEVEL);
  const shutdown = createShutdown(logger, env.SHUTDOWN_TIMEOUT_MS);
  process.on("SIGTERM", () => void shutdown.run("SIGTERM"));
  process.on("SIGINT", () => void shutdown.run("SIGINT"));
  return { env, logger, shutdown };
}
