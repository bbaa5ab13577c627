import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** One message the catcher received. */
export interface CaughtMail {
  /** The From header (decoded), or the envelope sender when the message has none. */
  from: string;
  /** The envelope recipients (RCPT TO). */
  to: string[];
  /** The Subject header, decoded. */
  subject: string;
  /** The text/plain part, decoded (quoted-printable, base64). */
  text: string;
  /** The message as received (RFC 822, CRLF line ends). */
  raw: string;
  /** Every top-level header, names lower-cased, values decoded (the first of repeated ones). */
  headers: Record<string, string>;
  /** The AUTH user name, when the client logged in. */
  user?: string;
}

/** What the child process writes on stdout, one JSON line each. */
export type CatcherEvent = { type: "ready"; port: number } | { type: "mail"; mail: CaughtMail };

export interface SmtpCatcher {
  /** `smtp://127.0.0.1:<port>` */
  url: string;
  /** Every message received so far, oldest first. */
  messages: CaughtMail[];
  /** The first message (received already or later) that matches, or a rejection after `timeoutMs`. */
  waitFor(predicate: (mail: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  stop(): Promise<void>;
}

const CHILD_ENTRY = fileURLToPath(new URL("./smtp-catcher-process.ts", import.meta.url));
const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * A real SMTP server (the `smtp-server` package) in its own process on a free loopback port, that
 * accepts every message and hands it back parsed: what the app sends goes over a real socket and a
 * real SMTP conversation, as it would to a mail relay. No TLS; any or no AUTH is accepted.
 */
export async function startSmtpCatcher(): Promise<SmtpCatcher> {
  // stdin is a pipe the child watches: if this process dies without stop(), the child exits too.
  const child = spawn(process.execPath, ["--import", "tsx", CHILD_ENTRY], { cwd: REPO_ROOT, stdio: ["pipe", "pipe", "pipe"] });
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const messages: CaughtMail[] = [];
  const waiters = new Set<(mail: CaughtMail) => void>();
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2_000)));

  const port = await new Promise<number>((resolve, reject) => {
    child.once("error", (error) => reject(new Error(`smtp-catcher could not start: ${error.message}`)));
    child.once("exit", (code, signal) => reject(new Error(`smtp-catcher exited (${signal ?? code}) before listening: ${stderr}`)));
    createInterface({ input: child.stdout }).on("line", (line) => {
      let event: CatcherEvent;
      try {
        event = JSON.parse(line) as CatcherEvent;
      } catch {
        return; // not ours (e.g. a warning printed by a dependency)
      }
      if (event.type === "ready") resolve(event.port);
      else if (event.type === "mail") {
        messages.push(event.mail);
        for (const waiter of waiters) waiter(event.mail);
      }
    });
  });

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor(predicate, timeoutMs = 5_000) {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = (mail: CaughtMail) => {
          if (!predicate(mail)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(mail);
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`smtp-catcher: no matching message within ${timeoutMs} ms (received ${messages.length}: ${messages.map((m) => JSON.stringify(m.subject)).join(", ")})`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        process.off("exit", killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const kill = setTimeout(() => child.kill("SIGKILL"), 5_000);
        child.once("exit", () => {
          clearTimeout(kill);
          resolve();
        });
        child.stdin.end();
        child.kill("SIGTERM");
      }),
  };
}
