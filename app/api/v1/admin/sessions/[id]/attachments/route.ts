import { created, withStaffBusiness } from "@/lib/auth/staff-route.server";
import { requireLiveChat } from "@/lib/chat/live-chat-registry.server";
import { attachmentUploadQuery, type AttachmentUploadResponse } from "@/lib/contract/customer-chat";
import { parseInput } from "@/lib/errors/parse-input";

export const dynamic = "force-dynamic";

type Params = { id: string };

/**
 * Sends a file as the holder's reply: the body is the file's bytes (application/octet-stream),
 * `client_message_id`, `file_name` and an optional `caption` are query parameters. 201 with the
 * message; 200 with the stored one for a retry of the same client_message_id.
 */
export const POST = withStaffBusiness<Params>(async ({ req, scope, userId, params }) => {
  const { company_id: _companyId, ...fields } = Object.fromEntries(req.nextUrl.searchParams);
  const query = parseInput(attachmentUploadQuery, fields);
  const declared = req.headers.get("content-length");
  const sent = await requireLiveChat().sendAgentAttachment({ ...scope, userId }, params.id, {
    body: req.body as AsyncIterable<Uint8Array> | null,
    declaredLength: declared === null ? undefined : Number(declared),
    query,
  });
  const body: AttachmentUploadResponse = { message: sent.message };
  return sent.created ? created(body) : body;
});
