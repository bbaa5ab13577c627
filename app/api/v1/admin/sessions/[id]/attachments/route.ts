import { created, withStaffBusiness } from "@/lib/auth/staff-route.server";
import { incomingFile } from "@/lib/chat/attachments.server";
import { requireLiveChat } from "@/lib/chat/live-chat-registry.server";
import { attachmentUploadQuery, type AttachmentUploadResponse } from "@/lib/contract/customer-chat";
import { savedReplyFileSendQuery } from "@/lib/contract/saved-replies";
import { parseInput } from "@/lib/errors/parse-input";
import { sendSavedReplyFile } from "@/lib/replies/saved-replies-live.server";

export const dynamic = "force-dynamic";

type Params = { id: string };

/**
 * Sends a file as the holder's reply: the body is the file's bytes (application/octet-stream),
 * `client_message_id`, `file_name` and an optional `caption` are query parameters. With
 * `saved_reply_id` instead of `file_name` and no body, the saved reply's file is sent (copied on
 * the server). 201 with the message; 200 with the stored one for a retry of the same client_message_id.
 */
export const POST = withStaffBusiness<Params>(async ({ req, db, scope, userId, params }) => {
  const { company_id: _companyId, ...fields } = Object.fromEntries(req.nextUrl.searchParams);
  const actor = { ...scope, userId };
  const live = requireLiveChat();
  const sent =
    "saved_reply_id" in fields
      ? await sendSavedReplyFile(db, live, actor, params.id, parseInput(savedReplyFileSendQuery, fields))
      : await live.sendAgentAttachment(actor, params.id, incomingFile(req, parseInput(attachmentUploadQuery, fields)));
  const body: AttachmentUploadResponse = { message: sent.message };
  return sent.created ? created(body) : body;
});
