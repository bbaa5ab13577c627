/**
 * Invitations: a single-use link with an expiry, for one email and role in one business. Only the
 * token's hash is stored; the link is shown once to the inviter (and emailed when SMTP is set).
 * Accepting creates the account (name + password) or joins an existing one (its password).
 */
import type { PrismaClient } from "../db/prisma-client.server";
import { AppError, notFound } from "../errors/app-error";
import { checkPassword, hashPassword } from "../auth/password.server";
import { passwordProblem } from "../contract/passwords";
import type { InviteAcceptInput, InviteCreatedWire, InviteInput, InvitePreviewWire } from "../contract/team";
import type { Logger } from "../observability/logger";
import { describeError } from "../observability/logger";
import { hashToken, newRandomToken } from "../server/random-token.server";
import type { Mailer } from "../mail/mailer.server";
import { inviteMail } from "../mail/messages";
import { ensureMemberAgent } from "../tenancy/businesses.server";
import { isUuid } from "../tenancy/memberships.server";
import { appUrl, invitePath } from "./links";
import { requireManages, toInviteWire, type TeamActor } from "./team.server";

export const INVITE_TTL_MS = 7 * 24 * 60 * 60_000;

const inviteGone = () => notFound("Invitation");
const pending = (now: Date) => ({ acceptedAt: null, revokedAt: null, expiresAt: { gt: now } });

/** `POST /api/v1/admin/invites`: a new link replaces any pending one for the same email. */
export async function createInvite(db: PrismaClient, actor: TeamActor, input: InviteInput, mail: { mailer: Mailer | null; logger: Logger }, now = new Date()): Promise<InviteCreatedWire> {
  requireManages(actor.role, input.role);
  const { token, hash } = newRandomToken();
  const invite = await db.$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { businessId: actor.businessId, user: { email: input.email } }, select: { userId: true } });
    if (member) throw new AppError("already_member", "This person is already a member of the business.", { fields: { email: ["already belongs to a member of this business"] } });
    await tx.invite.updateMany({ where: { businessId: actor.businessId, email: input.email, ...pending(now) }, data: { revokedAt: now } });
    const created = await tx.invite.create({
      data: { businessId: actor.businessId, email: input.email, role: input.role, tokenHash: hash, invitedByUserId: actor.userId, createdAt: now, expiresAt: new Date(now.getTime() + INVITE_TTL_MS) },
      select: { id: true, email: true, role: true, createdAt: true, expiresAt: true, invitedBy: { select: { name: true } }, business: { select: { name: true } } },
    });
    await tx.auditLog.create({ data: { businessId: actor.businessId, actorUserId: actor.userId, action: "team.invite_created", target: created.id, meta: { email: input.email, role: input.role } } });
    return created;
  });
  const url = appUrl(invitePath(token));
  const emailSent = await sendQuietly(mail, () =>
    inviteMail({ to: invite.email, businessName: invite.business.name, inviterName: invite.invitedBy?.name ?? "A colleague", role: invite.role, url, expiresAt: invite.expiresAt }),
  );
  return { invite: toInviteWire(invite), invite_url: url, email_sent: emailSent };
}

/** Sends when SMTP is configured; a failure is logged and reported as not sent (the link is still shown). */
export async function sendQuietly(mail: { mailer: Mailer | null; logger: Logger }, build: () => Parameters<Mailer["send"]>[0]): Promise<boolean> {
  if (!mail.mailer) return false;
  try {
    await mail.mailer.send(build());
    return true;
  } catch (error) {
    mail.logger.warn("email could not be sent", { error: describeError(error) });
    return false;
  }
}

/** `DELETE /api/v1/admin/invites/{id}`: a pending invitation of this business stops working. */
export async function revokeInvite(db: PrismaClient, actor: TeamActor, inviteId: string, now = new Date()): Promise<void> {
  if (!isUuid(inviteId)) throw inviteGone();
  await db.$transaction(async (tx) => {
    const invite = await tx.invite.findFirst({ where: { id: inviteId, businessId: actor.businessId, ...pending(now) }, select: { id: true, role: true, email: true } });
    if (!invite) throw inviteGone();
    requireManages(actor.role, invite.role);
    await tx.invite.update({ where: { id: invite.id }, data: { revokedAt: now } });
    await tx.auditLog.create({ data: { businessId: actor.businessId, actorUserId: actor.userId, action: "team.invite_revoked", target: invite.id, meta: { email: invite.email } } });
  });
}

async function findPendingInvite(db: PrismaClient, token: string, now: Date) {
  if (token.length < 10 || token.length > 200) return null;
  return db.invite.findFirst({
    where: { tokenHash: hashToken(token), ...pending(now) },
    select: { id: true, businessId: true, email: true, role: true, expiresAt: true, business: { select: { name: true } } },
  });
}

/** What the invitation page shows; null for a link that is unknown, used, revoked or expired. */
export async function loadInvitePreview(db: PrismaClient, token: string, now = new Date()): Promise<InvitePreviewWire | null> {
  const invite = await findPendingInvite(db, token, now);
  if (!invite) return null;
  const account = await db.user.findUnique({ where: { email: invite.email }, select: { id: true } });
  return { business_name: invite.business.name, email: invite.email, role: invite.role, expires_at: invite.expiresAt.toISOString(), account_exists: account !== null };
}

export interface AcceptedInvite {
  userId: string;
  email: string;
  businessId: string;
}

/**
 * `POST /api/v1/invites/accept`. The invitation is claimed with one conditional UPDATE inside the
 * transaction, so of two acceptances at once exactly one joins; the other sees a used link.
 */
export async function acceptInvite(db: PrismaClient, input: InviteAcceptInput, now = new Date()): Promise<AcceptedInvite> {
  const invite = await findPendingInvite(db, input.token, now);
  if (!invite) throw inviteGone();
  const existing = await db.user.findUnique({ where: { email: invite.email }, select: { id: true, name: true, passwordHash: true } });
  let newAccount: { name: string; passwordHash: string } | null = null;
  if (existing) {
    if (!(await checkPassword(input.password, existing.passwordHash))) {
      throw new AppError("validation_error", "That is not the password of this account.", { fields: { password: ["does not match this account's password"] } });
    }
  } else {
    if (!input.name) throw new AppError("validation_error", "Tell us your name.", { fields: { name: ["needed for the new account"] } });
    const problem = passwordProblem(input.password, { email: invite.email, name: input.name });
    if (problem) throw new AppError("validation_error", "Choose a stronger password.", { fields: { password: [problem] } });
    newAccount = { name: input.name, passwordHash: await hashPassword(input.password) };
  }
  return db.$transaction(async (tx) => {
    const claimed = await tx.invite.updateMany({ where: { id: invite.id, ...pending(now) }, data: { acceptedAt: now } });
    if (claimed.count === 0) throw inviteGone();
    const user = existing ?? (await tx.user.create({ data: { email: invite.email, ...newAccount! }, select: { id: true, name: true } }));
    await tx.invite.update({ where: { id: invite.id }, data: { acceptedUserId: user.id } });
    const already = await tx.membership.findUnique({ where: { userId_businessId: { userId: user.id, businessId: invite.businessId } }, select: { role: true } });
    if (!already) await tx.membership.create({ data: { userId: user.id, businessId: invite.businessId, role: invite.role } });
    await ensureMemberAgent(tx, invite.businessId, user);
    await tx.auditLog.create({
      data: { businessId: invite.businessId, actorUserId: user.id, action: "team.invite_accepted", target: invite.id, meta: { email: invite.email, role: invite.role, new_account: !existing } },
    });
    return { userId: user.id, email: invite.email, businessId: invite.businessId };
  });
}
