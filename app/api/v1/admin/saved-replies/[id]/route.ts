import { parseInput } from "@/lib/errors/parse-input";
import { readJsonBody } from "@/lib/http/json-body.server";
import { withStaffBusiness } from "@/lib/auth/staff-route.server";
import { requireLiveChat } from "@/lib/chat/live-chat-registry.server";
import { getSavedReply } from "@/lib/replies/saved-replies.server";
import { deleteSavedReplyLive, updateSavedReplyLive } from "@/lib/replies/saved-replies-live.server";
import { SAVED_REPLIES_BODY_MAX_BYTES, SAVED_REPLY_ADMIN_ROLES, savedReplyPatch } from "@/lib/contract/saved-replies";

export const dynamic = "force-dynamic";

type Params = { id: string };
const admins = { roles: SAVED_REPLY_ADMIN_ROLES };

export const GET = withStaffBusiness<Params>(({ db, scope, params }) => getSavedReply(db, scope, params.id));

export const PATCH = withStaffBusiness<Params>(async ({ req, db, scope, userId, params }) => {
  const input = parseInput(savedReplyPatch, await readJsonBody(req, SAVED_REPLIES_BODY_MAX_BYTES));
  return updateSavedReplyLive(db, requireLiveChat(), scope, userId, params.id, input);
}, admins);

export const DELETE = withStaffBusiness<Params>(async ({ db, scope, userId, params }) => {
  await deleteSavedReplyLive(db, requireLiveChat(), scope, userId, params.id);
  return { deleted: true };
}, admins);
