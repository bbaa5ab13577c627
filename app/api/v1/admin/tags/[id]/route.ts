import { withStaffBusiness } from "@/lib/auth/staff-route.server";
import { requireLiveChat } from "@/lib/chat/live-chat-registry.server";
import { TAG_BODY_MAX_BYTES, tagUpdateBody } from "@/lib/contract/tags";
import { parseInput } from "@/lib/errors/parse-input";
import { readJsonBody } from "@/lib/http/json-body.server";
import { TAG_ADMIN_ROLES } from "@/lib/tags/tag-list.server";
import { deleteTagLive, updateTagLive } from "@/lib/tags/tags-live.server";

export const dynamic = "force-dynamic";

type Params = { id: string };
const admins = { roles: TAG_ADMIN_ROLES };

/** Renames or recolours a tag (OWNER/ADMIN); the open chats carrying it are pushed again. */
export const PATCH = withStaffBusiness<Params>(async ({ req, db, scope, userId, params }) => {
  const input = parseInput(tagUpdateBody, await readJsonBody(req, TAG_BODY_MAX_BYTES));
  return { tag: await updateTagLive(db, requireLiveChat(), scope, userId, params.id, input) };
}, admins);

/** Deletes a tag and takes it off every chat (OWNER/ADMIN). */
export const DELETE = withStaffBusiness<Params>(async ({ db, scope, userId, params }) => {
  await deleteTagLive(db, requireLiveChat(), scope, userId, params.id);
  return { deleted: true };
}, admins);
