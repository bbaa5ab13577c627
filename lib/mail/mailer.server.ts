/**
 * Sends email over SMTP (invitations, password resets) with nodemailer. Configured by `SMTP_URL`
 * (`smtp://` or `smtps://`, optionally `user:pass@host:port`) and `SMTP_FROM`; without `SMTP_URL`
 * email is off and `mailerFromEnv()` answers null. One connection per message: these are rare.
 */
import nodemailer, { type Transporter } from "nodemailer";
import SMTPTransport from "nodemailer/lib/smtp-transport/index.js";
import type { OutgoingMail } from "./messages";

export type { OutgoingMail };

export interface Mailer {
  /** Resolves once the SMTP server has accepted the message; rejects on refusal or after the timeout. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export interface MailerOptions {
  smtpUrl: string;
  from: string;
  /** Longest wait to connect, for the greeting, for a DNS answer and on an idle socket (default 10 s). */
  timeoutMs?: number;
}

export const DEFAULT_SMTP_FROM = "Switchboard <no-reply@localhost>";
const DEFAULT_TIMEOUT_MS = 10_000;

export function createMailer({ smtpUrl, from, timeoutMs = DEFAULT_TIMEOUT_MS }: MailerOptions): Mailer {
  // The URL may carry a password, so it is never echoed in the error.
  if (!/^smtps?:\/\//i.test(smtpUrl)) throw new Error("The SMTP URL must start with smtp:// or smtps://.");
  // createTransport({ url, ...options }) keeps only what the URL says, so the timeouts go to the
  // transport itself; values in the URL (e.g. ?connectionTimeout=…) still win over these.
  const transport = new SMTPTransport({
    url: smtpUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
  });
  const transporter: Transporter<SMTPTransport.SentMessageInfo> = nodemailer.createTransport(transport, { from });
  return {
    async send(mail) {
      // Messages are plain strings: never let nodemailer read a file or fetch a URL for content.
      await transporter.sendMail({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, disableFileAccess: true, disableUrlAccess: true });
    },
    close() {
      transporter.close();
    },
  };
}

// Next's route bundles and the custom server load this module separately; they share one mailer.
const globalKey = Symbol.for("switchboard.mailer");
type GlobalWithMailer = typeof globalThis & { [globalKey]?: { config: string; mailer: Mailer } };

/** The mailer for `SMTP_URL` and `SMTP_FROM`, or null when `SMTP_URL` is unset or empty (email is off). */
export function mailerFromEnv(): Mailer | null {
  const smtpUrl = process.env.SMTP_URL?.trim();
  if (!smtpUrl) return null;
  const from = process.env.SMTP_FROM?.trim() || DEFAULT_SMTP_FROM;
  const config = JSON.stringify([smtpUrl, from]);
  const holder = globalThis as GlobalWithMailer;
  const current = holder[globalKey];
  if (current?.config === config) return current.mailer;
  current?.mailer.close();
  const mailer = createMailer({ smtpUrl, from });
  holder[globalKey] = { config, mailer };
  return mailer;
}
