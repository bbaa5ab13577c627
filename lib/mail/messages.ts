/**
 * The emails Switchboard sends (team invitations, password resets), as plain text plus a simple
 * HTML version. Universal and pure: the caller sends the result with `lib/mail/mailer.server.ts`.
 * Each message carries exactly one link, the one it is given, and every value in its HTML is escaped.
 */
import type { Role } from "../db/generated/enums";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface InviteMailInput {
  to: string;
  businessName: string;
  inviterName: string;
  role: Role;
  url: string;
  expiresAt: Date;
}

export interface PasswordResetMailInput {
  to: string;
  name: string;
  url: string;
  expiresAt: Date;
  /** Who started the reset for this person (a team admin); absent when they asked for it themselves. */
  issuedBy?: string;
}

const ROLE_PHRASES: Record<Role, string> = { OWNER: "an owner", ADMIN: "an admin", AGENT: "an agent" };

export function inviteMail(input: InviteMailInput): OutgoingMail {
  const business = oneLine(input.businessName);
  const inviter = oneLine(input.inviterName);
  const url = linkUrl(input.url);
  const expires = formatExpiry(input.expiresAt);
  const role = ROLE_PHRASES[input.role] ?? "a member";
  const intro = `${inviter} invited you to join ${business} on Switchboard as ${role}.`;
  return {
    to: input.to.trim(),
    subject: `${inviter} invited you to ${business} on Switchboard`,
    text: [
      "Hi,",
      "",
      intro,
      "",
      "Accept the invitation here:",
      url,
      "",
      `The link works once and expires on ${expires}.`,
      "If you were not expecting this invitation, you can ignore this email.",
    ].join("\n"),
    html: htmlBody([
      paragraph("Hi,"),
      paragraph(`${escapeHtml(inviter)} invited you to join <strong>${escapeHtml(business)}</strong> on Switchboard as ${escapeHtml(role)}.`),
      paragraph(`<a href="${escapeHtml(url)}">Accept the invitation</a>`),
      paragraph(`The link works once and expires on ${escapeHtml(expires)}.<br>If you were not expecting this invitation, you can ignore this email.`),
    ]),
  };
}

export function passwordResetMail(input: PasswordResetMailInput): OutgoingMail {
  const name = oneLine(input.name);
  const issuedBy = input.issuedBy === undefined ? "" : oneLine(input.issuedBy);
  const url = linkUrl(input.url);
  const expires = formatExpiry(input.expiresAt);
  const greeting = name ? `Hi ${name},` : "Hi,";
  const intro = issuedBy ? `${issuedBy} started a password reset for your Switchboard account.` : "Someone asked to reset the password of your Switchboard account.";
  const ignore = issuedBy
    ? `If you were not expecting this, ask ${issuedBy} about it; your password stays the same until you choose a new one.`
    : "If it was not you, you can ignore this email: your password stays the same.";
  return {
    to: input.to.trim(),
    subject: "Reset your Switchboard password",
    text: [greeting, "", intro, "", "Choose a new password here:", url, "", `The link works once and expires on ${expires}.`, ignore].join("\n"),
    html: htmlBody([
      paragraph(escapeHtml(greeting)),
      paragraph(escapeHtml(intro)),
      paragraph(`<a href="${escapeHtml(url)}">Choose a new password</a>`),
      paragraph(`The link works once and expires on ${escapeHtml(expires)}.<br>${escapeHtml(ignore)}`),
    ]),
  };
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char]);
}

const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

// A name with line breaks could otherwise forge lines (or headers) of its own in the message.
function oneLine(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").trim();
}

// Only an absolute http(s) link goes into a message: never `javascript:` or a relative path.
function linkUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error("A mail link must be an absolute http(s) URL.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("A mail link must be an absolute http(s) URL.");
  return url.href;
}

// UTC, spelled out: the server cannot know the reader's time zone.
function formatExpiry(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new Error("expiresAt is not a valid date.");
  const pad = (n: number) => String(n).padStart(2, "0");
  const month = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"][date.getUTCMonth()];
  return `${date.getUTCDate()} ${month} ${date.getUTCFullYear()} at ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

function paragraph(innerHtml: string): string {
  return `<p style="margin:0 0 16px">${innerHtml}</p>`;
}

function htmlBody(paragraphs: string[]): string {
  return [
    "<!doctype html>",
    '<html><body style="font-family:-apple-system,BlinkMacSystemFont,Segoe UI,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#1f2933">',
    ...paragraphs,
    "</body></html>",
  ].join("\n");
}
