import type { SessionNoteInput, SessionNoteWire } from "../contract/staff";
import { utcTimestamp } from "../dashboard/dashboard-clock.server";
import type { PrismaClient } from "../db/prisma-client.server";
import { notFound } from "../errors/app-error";
import { isUuid, type BusinessScope } from "../tenancy/memberships.server";
import { inReadingOrder, latestNotes, noteSelect, toNoteWire } from "./wire.server";

/** A member of the business (any role: notes are how the whole team talks about a chat). */
export type NoteAuthor = BusinessScope & { userId: string };

export interface AddedNote {
  /** False for a retry of a note already stored (same client_message_id): nothing new to push. */
  created: boolean;
  note: SessionNoteWire;
}

/**
 * Stores a private note on a chat of the author's business, whatever the chat's status (a note
 * after it ended still tells the team something). Idempotent on client_message_id. A session of
 * another business answers exactly like a missing one.
 */
export async function addSessionNote(db: PrismaClient, author: NoteAuthor, sessionId: string, input: SessionNoteInput, now = new Date()): Promise<AddedNote> {
  if (!isUuid(sessionId)) throw notFound("Chat session");
  // Scoped in the statement itself: only a session of the author's business can get the note.
  const [inserted] = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "SessionNote" (id, "businessId", "sessionId", "authorUserId", body, "clientMessageId", "createdAt")
    SELECT gen_random_uuid(), s."businessId", s.id, ${author.userId}::uuid, ${input.body}, ${input.client_message_id}, ${utcTimestamp(now)}
    FROM "ChatSession" s WHERE s.id = ${sessionId}::uuid AND s."businessId" = ${author.businessId}::uuid
    ON CONFLICT ("sessionId", "clientMessageId") DO NOTHING
    RETURNING id`;
  const row = await db.sessionNote.findFirst({
    where: inserted ? { id: inserted.id } : { businessId: author.businessId, sessionId, clientMessageId: input.client_message_id },
    select: noteSelect,
  });
  if (!row) throw notFound("Chat session");
  return { created: inserted !== undefined, note: toNoteWire(row) };
}

/** A chat's private notes (the latest HISTORY_LIMIT), oldest first. */
export async function listSessionNotes(db: PrismaClient, scope: BusinessScope, sessionId: string): Promise<SessionNoteWire[]> {
  const session = isUuid(sessionId) ? await db.chatSession.findFirst({ where: { id: sessionId, businessId: scope.businessId }, select: { notes: latestNotes } }) : null;
  if (!session) throw notFound("Chat session");
  return inReadingOrder(session.notes, toNoteWire);
}
