import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { freePort } from "../../lib/server/free-port";

export interface ServerNode {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Its presence node id (a `PresenceNode` row while it runs). */
  nodeId: string;
  process: ChildProcess;
  /** `kill -9`: no shutdown step runs, no socket says goodbye. Resolves once it has exited. */
  kill(): Promise<void>;
  /** SIGTERM, the clean shutdown; resolves with its exit code. */
  stop(): Promise<number | null>;
}

const CHILD_ENTRY = fileURLToPath(new URL("./server-node-process.ts", import.meta.url));
const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface StandbyServerNode {
  /** Boots the node now (its code is loaded already); resolves once it listens. */
  start(): Promise<ServerNode>;
  kill(): Promise<void>;
}

/**
 * A server node (tests/support/server-node-process.ts) in its own process on `databaseUrl` and a
 * free port, configured through the environment as server.ts is (`env` over the test's own, e.g.
 * PRESENCE_HEARTBEAT_MS, REDIS_URL). Resolves once it listens.
 */
export async function startServerNode(databaseUrl: string, env: Record<string, string> = {}): Promise<ServerNode> {
  return (await standbyServerNode(databaseUrl, env)).start();
}

/**
 * A server node's process with its code loaded but not booted yet: `start()` boots it in a moment,
 * as when a process manager restarts a crashed server (the compile time would otherwise decide
 * whether a test's clients are there before something happens).
 */
export async function standbyServerNode(databaseUrl: string, env: Record<string, string> = {}): Promise<StandbyServerNode> {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD_ENTRY, "--standby"], {
    cwd: REPO_ROOT,
    // No demo seed unless a test asks for it: most tests bring their own businesses.
    env: { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: "", PORT: String(await freePort()), LOG_LEVEL: "warn", SEED_DEMO_DATA: "false", ...env },
    // stdin is a pipe the child watches: if this process dies without stop(), the child exits too.
    stdio: ["pipe", "pipe", "pipe"],
  });
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  void exited.then(() => process.off("exit", killOnExit));
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
  };

  const reported = (type: "loaded" | "ready") =>
    new Promise<{ url: string; node_id: string }>((resolve, reject) => {
      child.once("error", (error) => reject(new Error(`server node could not start: ${error.message}`)));
      void exited.then((code) => reject(new Error(`server node exited (${code}) before "${type}": ${stderr}`)));
      const lines = createInterface({ input: child.stdout! });
      lines.on("line", (line) => {
        try {
          const event = JSON.parse(line) as { type?: string; url: string; node_id: string };
          if (event.type === type) {
            lines.close();
            resolve(event);
          }
        } catch {
          // not ours (a log line)
        }
      });
    });
  await reported("loaded");

  return {
    kill,
    async start() {
      const ready = reported("ready");
      child.stdin!.write("start\n");
      const { url, node_id: nodeId } = await ready;
      // Log lines keep coming: read them, so the pipe never fills up.
      child.stdout!.resume();
      return {
        url,
        nodeId,
        process: child,
        kill,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          return exited;
        },
      };
    },
  };
}
