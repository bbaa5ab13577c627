import { created, withStaffBusiness } from "@/lib/auth/staff-route.server";
import { requireLiveChat } from "@/lib/chat/live-chat-registry.server";
import { listSessionNotes } from "@/lib/chat/session-notes.server";
import { BODY_MAX_BYTES } from "@/lib/contract/customer-chat";
import { sessionNoteBody } from "@/lib/contract/staff";
import { parseInput } from "@/lib/errors/parse-input";
import { readJsonBody } from "@/lib/http/json-body.server";

export const dynamic = "force-dynamic";

type Params = { id: string };

/** The chat's private notes, oldest first (any member of the business). */
export const GET = withStaffBusiness<Params>(async ({ db, scope, params }) => ({ notes: await listSessionNotes(db, scope, params.id) }));

/** Adds a private note (any member): 201 when stored, 200 with the stored note for a retry of the same client_message_id. */
export const POST = withStaffBusiness<Params>(async ({ req, scope, userId, params }) => {
  const input = parseInput(sessionNoteBody, await readJsonBody(req, BODY_MAX_BYTES));
  const added = await requireLiveChat().addNote({ ...scope, userId }, params.id, input);
  return added.created ? created({ note: added.note }) : { note: added.note };
});
