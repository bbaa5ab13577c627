import { parseInput } from "@/lib/errors/parse-input";
import { readJsonBody } from "@/lib/http/json-body.server";
import { created, withStaffBusiness } from "@/lib/auth/staff-route.server";
import { createSavedReply, listSavedReplies } from "@/lib/replies/saved-replies.server";
import { SAVED_REPLIES_BODY_MAX_BYTES, SAVED_REPLY_ADMIN_ROLES, savedReplyBody, type SavedReplyListWire } from "@/lib/contract/saved-replies";

export const dynamic = "force-dynamic";

// Every member lists them: agents use them in the composer.
export const GET = withStaffBusiness(async ({ db, scope }): Promise<SavedReplyListWire> => ({ saved_replies: await listSavedReplies(db, scope) }));

export const POST = withStaffBusiness(
  async ({ req, db, scope, userId }) => {
    const input = parseInput(savedReplyBody, await readJsonBody(req, SAVED_REPLIES_BODY_MAX_BYTES));
    return created(await createSavedReply(db, scope, userId, input));
  },
  { roles: SAVED_REPLY_ADMIN_ROLES },
);
