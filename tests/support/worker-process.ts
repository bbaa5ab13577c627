import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { freePort } from "../../lib/server/free-port";

export interface WorkerProcess {
  /** `http://127.0.0.1:<WORKER_PORT>`: its /health and /health/metrics. */
  url: string;
  process: ChildProcess;
  /** Everything it wrote on stdout so far (its JSON log lines). */
  output(): string;
  /** `kill -9`: resolves once it has exited. */
  kill(): Promise<void>;
  /** SIGTERM, the clean shutdown; resolves with its exit code. */
  stop(): Promise<number | null>;
}

const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * `npm run worker` (worker.ts) as its own process on `databaseUrl`, configured through the
 * environment (`env` over the test's own: REDIS_URL, ASSISTANT_*…), with its health port on a free
 * one. Resolves once spawned, not once booted: tasks enqueued meanwhile wait for it in the queue.
 */
export async function startWorkerProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<WorkerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "worker.ts"], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: databaseUrl, REDIS_URL: "", WORKER_PORT: String(port), LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  // worker.ts does not watch a pipe from us: when this process exits without stop(), it takes the worker along.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  void exited.then(() => process.off("exit", killOnExit));
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    output: () => output,
    async kill() {
      if (running()) child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (running()) child.kill("SIGTERM");
      return exited;
    },
  };
}
