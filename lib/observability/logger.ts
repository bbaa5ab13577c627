/** Structured one-line JSON logs (readable by any log shipper); level set by LOG_LEVEL. */
const levels = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type LogLevel = keyof typeof levels;

export interface Logger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

export function createLogger(minLevel: LogLevel = "info", base: Record<string, unknown> = {}): Logger {
  const write = (level: LogLevel) => (message: string, meta?: Record<string, unknown>) => {
    if (levels[level] < levels[minLevel]) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...base, ...meta });
    (level === "error" || level === "warn" ? process.stderr : process.stdout).write(`${line}\n`);
  };
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}

/** What may be logged about a thrown value (describeError). */
export interface ErrorFacts {
  /** The error's class, or the type of a thrown non-Error. */
  name: string;
  /** Prisma's P-code, PostgreSQL's SQLSTATE or Node's errno code. */
  code?: string;
  /** The PostgreSQL SQLSTATE under a Prisma error. */
  sqlState?: string;
  /** The first line of the message, truncated: only for errors that are not the database's. */
  message?: string;
  /** The innermost stack frames (code locations only). */
  frames?: string[];
}

const MESSAGE_MAX_LENGTH = 200;
const MAX_FRAMES = 5;
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/;

const field = (value: unknown, key: string): unknown => (value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined);
const shortString = (value: unknown) => (typeof value === "string" ? value.slice(0, 40) : undefined);

/**
 * The safe facts of a thrown value for a log line. Prisma's messages quote the query and its
 * arguments, PostgreSQL's messages, details and contexts quote values (customer text): of those
 * errors only the class, the codes and the code locations are kept.
 */
export function describeError(error: unknown): ErrorFacts {
  if (!(error instanceof Error)) return { name: error === null ? "null" : typeof error };
  const facts: ErrorFacts = { name: error.name };
  const code = shortString(field(error, "code"));
  if (code) facts.code = code;
  if ("clientVersion" in error || error.name === "DriverAdapterError") {
    // Prisma and its driver adapter: the SQLSTATE is underneath.
    const cause = field(field(field(error, "meta"), "driverAdapterError"), "cause") ?? field(error, "cause");
    const sqlState = shortString(field(cause, "originalCode"));
    if (sqlState) facts.sqlState = sqlState;
  } else if (typeof field(error, "severity") === "string" && code) {
    // pg's DatabaseError (its name is "error").
    facts.name = "DatabaseError";
  } else {
    const message = error.message.split("\n", 1)[0].slice(0, MESSAGE_MAX_LENGTH);
    if (message) facts.message = message;
  }
  const frames = (error.stack ?? "")
    .split("\n")
    .filter((line) => STACK_FRAME.test(line))
    .slice(0, MAX_FRAMES);
  if (frames.length) facts.frames = frames.map((line) => line.trim());
  return facts;
}
