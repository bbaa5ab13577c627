/**
 * The signed-in user's own account: name, email (re-enter the password) and password (the user's
 * other sessions end; this one stays). Not tied to a business: it is the person, in all of them.
 */
import { Prisma } from "../db/generated/client";
import type { PrismaClient } from "../db/prisma-client.server";
import { AppError, notFound } from "../errors/app-error";
import type { AccountWire, PasswordChangedWire } from "../contract/account";
import { passwordProblem } from "../contract/passwords";
import { endOtherAuthSessions } from "./auth-sessions.server";
import { checkPassword, hashPassword } from "./password.server";

const accountSelect = { id: true, name: true, email: true } as const;

export async function loadAccount(db: PrismaClient, userId: string): Promise<AccountWire> {
  const user = await db.user.findUnique({ where: { id: userId }, select: accountSelect });
  if (!user) throw notFound("Account");
  return user;
}

/** Renames the user, and their agents with them (the name customers and colleagues see). */
export async function renameAccount(db: PrismaClient, userId: string, name: string): Promise<AccountWire> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.update({ where: { id: userId }, data: { name }, select: accountSelect });
    await tx.agent.updateMany({ where: { userId, kind: "HUMAN" }, data: { displayName: name } });
    return user;
  });
}

const wrongPassword = (field: string) => new AppError("validation_error", "That is not your current password.", { fields: { [field]: ["does not match your current password"] } });

async function requireCurrentPassword(db: PrismaClient, userId: string, password: string, field: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { ...accountSelect, passwordHash: true } });
  if (!user) throw notFound("Account");
  if (!(await checkPassword(password, user.passwordHash))) throw wrongPassword(field);
  return user;
}

export async function changeEmail(db: PrismaClient, userId: string, email: string, currentPassword: string): Promise<AccountWire> {
  await requireCurrentPassword(db, userId, currentPassword, "current_password");
  try {
    return await db.user.update({ where: { id: userId }, data: { email }, select: accountSelect });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("email_taken", "Another account uses this email.", { fields: { email: ["already used by another account"] } });
    }
    throw error;
  }
}

/** Sets a new password and ends the user's other sessions (their sockets on every node are told and closed). */
export async function changePassword(db: PrismaClient, userId: string, keepSessionId: string, currentPassword: string, newPassword: string): Promise<PasswordChangedWire> {
  const user = await requireCurrentPassword(db, userId, currentPassword, "current_password");
  const problem = passwordProblem(newPassword, { email: user.email, name: user.name });
  if (problem) throw new AppError("validation_error", "Choose a stronger password.", { fields: { new_password: [problem] } });
  await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(newPassword) } });
  const ended = await endOtherAuthSessions(db, userId, keepSessionId);
  return { id: user.id, name: user.name, email: user.email, other_sessions_ended: ended };
}
