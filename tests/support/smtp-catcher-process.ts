/**
 * The SMTP server behind tests/support/smtp-catcher.ts, run as its own process
 * (`node --import tsx tests/support/smtp-catcher-process.ts`): a real `smtp-server` on a free
 * loopback port that accepts every message (any or no AUTH, no STARTTLS) and reports, one JSON
 * line each on stdout, `{ "type": "ready", "port" }` once listening and `{ "type": "mail", "mail" }`
 * per message received. It exits when its stdin closes, so it never outlives the test process.
 */
import { SMTPServer, type SMTPServerSession } from "smtp-server";
import type { CatcherEvent, CaughtMail } from "./smtp-catcher";

function report(event: CatcherEvent): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

// ── A small MIME reader: enough for what nodemailer writes (multipart, quoted-printable, base64, encoded words) ──

interface MimePart {
  headers: Map<string, string>;
  body: string;
}

function splitHeaders(raw: string): MimePart {
  const text = raw.replace(/\r\n/g, "\n");
  const end = text.indexOf("\n\n");
  const head = end === -1 ? text : text.slice(0, end);
  const body = end === -1 ? "" : text.slice(end + 2);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n[ \t]+/g, " ").split("\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function headerParams(value: string): { value: string; params: Map<string, string> } {
  const [first, ...rest] = value.split(";");
  const params = new Map<string, string>();
  for (const param of rest) {
    const eq = param.indexOf("=");
    if (eq === -1) continue;
    params.set(
      param.slice(0, eq).trim().toLowerCase(),
      param
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, "$1"),
    );
  }
  return { value: first.trim().toLowerCase(), params };
}

function decodeBytes(bytes: Uint8Array, charset: string): string {
  try {
    return new TextDecoder(charset || "utf-8").decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

function quotedPrintableBytes(text: string): Uint8Array {
  const unwrapped = text.replace(/=\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < unwrapped.length; i++) {
    const hex = unwrapped.slice(i + 1, i + 3);
    if (unwrapped[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(unwrapped[i], "utf8"));
    }
  }
  return Uint8Array.from(bytes);
}

function decodeBody(part: MimePart): string {
  const charset = headerParams(part.headers.get("content-type") ?? "text/plain").params.get("charset") ?? "utf-8";
  const encoding = (part.headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  if (encoding === "base64") return decodeBytes(Buffer.from(part.body.replace(/\s+/g, ""), "base64"), charset);
  if (encoding === "quoted-printable") return decodeBytes(quotedPrintableBytes(part.body), charset);
  return part.body;
}

/** RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`), as nodemailer writes non-ASCII headers. */
function decodeHeader(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, "$1")
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_match, charset: string, kind: string, text: string) =>
      kind.toUpperCase() === "B" ? decodeBytes(Buffer.from(text, "base64"), charset) : decodeBytes(quotedPrintableBytes(text.replace(/_/g, " ")), charset),
    );
}

/** The first text/plain part, depth first (the whole body when the message is not multipart). */
function plainText(part: MimePart): string | undefined {
  const type = headerParams(part.headers.get("content-type") ?? "text/plain");
  if (type.value.startsWith("multipart/")) {
    const boundary = type.params.get("boundary");
    if (!boundary) return undefined;
    const parts: string[][] = [];
    for (const line of part.body.split("\n")) {
      if (line === `--${boundary}--`) break;
      if (line === `--${boundary}`) parts.push([]);
      else parts.at(-1)?.push(line);
    }
    for (const lines of parts) {
      const text = plainText(splitHeaders(lines.join("\n")));
      if (text !== undefined) return text;
    }
    return undefined;
  }
  return type.value === "text/plain" ? decodeBody(part) : undefined;
}

function parseMail(raw: string, session: SMTPServerSession): CaughtMail {
  const message = splitHeaders(raw);
  // The line end before the final "." belongs to the SMTP terminator, as the one before a MIME boundary does to the boundary.
  message.body = message.body.replace(/\n$/, "");
  const headers = Object.fromEntries([...message.headers].map(([name, value]) => [name, decodeHeader(value)]));
  return {
    from: headers.from ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : ""),
    to: session.envelope.rcptTo.map((recipient) => recipient.address),
    subject: headers.subject ?? "",
    text: plainText(message) ?? "",
    raw,
    headers,
    user: typeof session.user === "string" ? session.user : undefined,
  };
}

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  disableReverseLookup: true,
  logger: false,
  size: 10 * 1024 * 1024,
  onAuth(auth, _session, callback) {
    callback(null, { user: auth.username });
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      report({ type: "mail", mail: parseMail(Buffer.concat(chunks).toString("utf8"), session) });
      callback();
    });
  },
});

server.on("error", (error) => {
  process.stderr.write(`smtp-catcher: ${error.message}\n`);
  process.exit(1);
});

server.listen(0, "127.0.0.1", () => {
  const address = server.server.address();
  if (!address || typeof address === "string") throw new Error("smtp-catcher: no TCP address");
  report({ type: "ready", port: address.port });
});

// The parent holds our stdin: when it goes away (stop(), or the parent died), so do we.
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
process.stdin.resume();
process.on("SIGTERM", () => process.exit(0));
process.on("SIGINT", () => process.exit(0));
