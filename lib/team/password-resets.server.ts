/**
 * Password-reset links: single use, expiring, only the token's hash stored. An owner or admin
 * issues one for a member (shown to copy, emailed when SMTP is set); "forgot password" emails one.
 * Using it sets the password and signs the user out everywhere.
 */
import type { DbClient, PrismaClient } from "../db/prisma-client.server";
import { AppError, notFound } from "../errors/app-error";
import { hashPassword } from "../auth/password.server";
import { passwordProblem } from "../contract/passwords";
import type { PasswordResetIssuedWire } from "../contract/team";
import type { Mailer } from "../mail/mailer.server";
import { passwordResetMail } from "../mail/messages";
import type { Logger } from "../observability/logger";
import { describeError } from "../observability/logger";
import { hashToken, newRandomToken } from "../server/random-token.server";
import { isUuid } from "../tenancy/memberships.server";
import { rolesManagedBy } from "../contract/team";
import { appUrl, passwordResetPath } from "./links";
import { sendQuietly } from "./invites.server";
import type { TeamActor } from "./team.server";

/** A link an admin hands over lives a day; one the user asked for by email, an hour. */
export const ISSUED_RESET_TTL_MS = 24 * 60 * 60_000;
export const REQUESTED_RESET_TTL_MS = 60 * 60_000;

const pending = (now: Date) => ({ usedAt: null, expiresAt: { gt: now } });

/** A new link for the user, in the caller's transaction; their older unused links stop working. */
async function createReset(tx: DbClient, userId: string, ttlMs: number, now: Date) {
  const { token, hash } = newRandomToken();
  const expiresAt = new Date(now.getTime() + ttlMs);
  await tx.passwordReset.updateMany({ where: { userId, ...pending(now) }, data: { usedAt: now } });
  await tx.passwordReset.create({ data: { userId, tokenHash: hash, createdAt: now, expiresAt } });
  return { url: appUrl(passwordResetPath(token)), expiresAt };
}

/**
 * `POST /api/v1/admin/team/{user_id}/password-reset`. A user's password opens every business they
 * belong to, so the actor must manage them in each of those businesses, not only this one:
 * otherwise an owner of one business could take over an account that owns another.
 */
export async function issuePasswordReset(db: PrismaClient, actor: TeamActor, userId: string, mail: { mailer: Mailer | null; logger: Logger }, now = new Date()): Promise<PasswordResetIssuedWire> {
  if (!isUuid(userId)) throw notFound("Member");
  const [targetMemberships, actorMemberships] = await Promise.all([
    db.membership.findMany({ where: { userId }, select: { businessId: true, role: true, user: { select: { email: true, name: true } } } }),
    db.membership.findMany({ where: { userId: actor.userId }, select: { businessId: true, role: true } }),
  ]);
  const here = targetMemberships.find((m) => m.businessId === actor.businessId);
  if (!here) throw notFound("Member");
  if (userId === actor.userId) throw new AppError("forbidden", "Change your own password on your account page.");
  const managesEverywhere = targetMemberships.every((target) => {
    const mine = actorMemberships.find((m) => m.businessId === target.businessId);
    return mine !== undefined && rolesManagedBy(mine.role).includes(target.role);
  });
  if (!managesEverywhere) {
    throw new AppError("forbidden", "This person's account also opens businesses you do not manage: they can use “Forgot password”, or an owner of all their businesses can issue a link.");
  }
  // The link and its audit row together.
  const { url, expiresAt } = await db.$transaction(async (tx) => {
    const reset = await createReset(tx, userId, ISSUED_RESET_TTL_MS, now);
    await tx.auditLog.create({
      data: { businessId: actor.businessId, actorUserId: actor.userId, action: "team.password_reset_issued", target: userId, meta: { expires_at: reset.expiresAt.toISOString() } },
    });
    return reset;
  });
  const issuer = await db.user.findUnique({ where: { id: actor.userId }, select: { name: true } });
  const emailSent = await sendQuietly(mail, () => passwordResetMail({ to: here.user.email, name: here.user.name, url, expiresAt, issuedBy: issuer?.name }));
  return { reset_url: url, expires_at: expiresAt.toISOString(), email_sent: emailSent };
}

/**
 * `POST /api/v1/password-reset` ("forgot password"): emails a link when the account exists. The
 * answer and its timing do not say whether it does: the email goes out after the answer.
 */
export async function requestPasswordReset(db: PrismaClient, email: string, mail: { mailer: Mailer | null; logger: Logger }, now = new Date()): Promise<void> {
  if (!mail.mailer) throw new AppError("email_unavailable", "Password reset by email is not set up here. Ask an owner or admin of your business for a reset link.");
  const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true, email: true } });
  if (!user) return;
  void db
    .$transaction((tx) => createReset(tx, user.id, REQUESTED_RESET_TTL_MS, now))
    .then(({ url, expiresAt }) => sendQuietly(mail, () => passwordResetMail({ to: user.email, name: user.name, url, expiresAt })))
    .catch((error: unknown) => mail.logger.warn("password reset link could not be created", { error: describeError(error) }));
}

async function findPendingReset(db: PrismaClient, token: string, now: Date) {
  if (token.length < 10 || token.length > 200) return null;
  return db.passwordReset.findFirst({ where: { tokenHash: hashToken(token), ...pending(now) }, select: { id: true, user: { select: { id: true, email: true, name: true } } } });
}

/** Whose password the reset page sets; null for a link that is unknown, used or expired. */
export async function loadPasswordResetTarget(db: PrismaClient, token: string, now = new Date()): Promise<{ email: string; name: string } | null> {
  const reset = await findPendingReset(db, token, now);
  return reset ? { email: reset.user.email, name: reset.user.name } : null;
}

/** `POST /api/v1/password-reset/complete`: the new password, and every session of the user ends (their sockets too). */
export async function completePasswordReset(db: PrismaClient, token: string, password: string, now = new Date()): Promise<{ email: string }> {
  const reset = await findPendingReset(db, token, now);
  if (!reset) throw notFound("Reset link");
  const problem = passwordProblem(password, { email: reset.user.email, name: reset.user.name });
  if (problem) throw new AppError("validation_error", "Choose a stronger password.", { fields: { password: [problem] } });
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const claimed = await tx.passwordReset.updateMany({ where: { id: reset.id, ...pending(now) }, data: { usedAt: now } });
    if (claimed.count === 0) throw notFound("Reset link");
    await tx.user.update({ where: { id: reset.user.id }, data: { passwordHash } });
    await tx.authSession.deleteMany({ where: { userId: reset.user.id } });
  });
  return { email: reset.user.email };
}
