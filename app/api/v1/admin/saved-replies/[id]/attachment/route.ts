import { created, withStaffBusiness } from "@/lib/auth/staff-route.server";
import { incomingFile } from "@/lib/chat/attachments.server";
import { requireLiveChat } from "@/lib/chat/live-chat-registry.server";
import { SAVED_REPLY_ADMIN_ROLES, savedReplyAttachmentQuery } from "@/lib/contract/saved-replies";
import { parseInput } from "@/lib/errors/parse-input";
import { attachSavedReplyFile, removeSavedReplyFile } from "@/lib/replies/saved-replies-live.server";

export const dynamic = "force-dynamic";

type Params = { id: string };
const admins = { roles: SAVED_REPLY_ADMIN_ROLES };

/**
 * The reply's file (OWNER/ADMIN), replacing the one it had: the body is the file's bytes
 * (application/octet-stream), `file_name` a query parameter; checked like a message's file. 201 with the reply.
 */
export const PUT = withStaffBusiness<Params>(async ({ req, db, scope, userId, params }) => {
  const { company_id: _companyId, ...fields } = Object.fromEntries(req.nextUrl.searchParams);
  const file = incomingFile(req, parseInput(savedReplyAttachmentQuery, fields));
  return created(await attachSavedReplyFile(db, requireLiveChat(), scope, userId, params.id, file));
}, admins);

/** Takes the file off the reply (OWNER/ADMIN): 200 with the reply. */
export const DELETE = withStaffBusiness<Params>(({ db, scope, userId, params }) => removeSavedReplyFile(db, requireLiveChat(), scope, userId, params.id), admins);
