import { spawn } from "node:child_process";
import { freePort } from "../../lib/server/free-port";

export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}

/**
 * A throwaway `redis-server` from PATH on a free loopback port, keeping nothing on disk (like the
 * embedded PostgreSQL, the tests never use a Redis the machine happens to run). `.ci/run` installs
 * redis-server where it is missing.
 */
export async function startTestRedis(): Promise<TestRedis> {
  const port = await freePort();
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
  await new Promise<void>((resolve, reject) => {
    let output = "";
    child.once("error", (error) => reject(new Error(`redis-server could not start (${error.message}): install it, e.g. apt-get install -y redis-server`)));
    child.once("exit", (code) => reject(new Error(`redis-server exited with ${code}: ${output.slice(-500)}`)));
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) resolve();
    });
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
