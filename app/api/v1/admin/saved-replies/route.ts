import { parseInput } from "@/lib/errors/parse-input";
import { readJsonBody } from "@/lib/http/json-body.server";
import { created, withStaffBusiness } from "@/lib/auth/staff-route.server";
import { requireLiveChat } from "@/lib/chat/live-chat-registry.server";
import { createSavedReplyLive, listSavedRepliesVersioned } from "@/lib/replies/saved-replies-live.server";
import { SAVED_REPLIES_BODY_MAX_BYTES, SAVED_REPLY_ADMIN_ROLES, savedReplyBody } from "@/lib/contract/saved-replies";

export const dynamic = "force-dynamic";

// Every member lists them: agents use them in the composer.
export const GET = withStaffBusiness(({ db, scope }) => listSavedRepliesVersioned(db, scope));

export const POST = withStaffBusiness(
  async ({ req, db, scope, userId }) => {
    const input = parseInput(savedReplyBody, await readJsonBody(req, SAVED_REPLIES_BODY_MAX_BYTES));
    return created(await createSavedReplyLive(db, requireLiveChat(), scope, userId, input));
  },
  { roles: SAVED_REPLY_ADMIN_ROLES },
);
