import type { Prisma } from "../db/generated/client";
import type { AttachmentWire } from "../contract/customer-chat";
import { appLinkSigner } from "../files/signed-links.server";

/** The purpose the attachment links' key is derived for (lib/files/signed-links.server.ts). */
const LINK_PURPOSE = "attachment downloads";

export const attachmentSelect = { id: true, fileName: true, contentType: true, byteSize: true } satisfies Prisma.AttachmentSelect;
type AttachmentRow = Prisma.AttachmentGetPayload<{ select: typeof attachmentSelect }>;

/** Where an attachment is served, before its signature. */
export const attachmentPath = (attachmentId: string) => `/api/v1/attachments/${attachmentId}`;

/** An attachment as a message carries it, with a freshly signed link (every read of a conversation mints new ones). */
export function toAttachmentWire(row: AttachmentRow, now = new Date()): AttachmentWire {
  const { expires, signature } = appLinkSigner(LINK_PURPOSE).sign(row.id, now);
  return {
    id: row.id,
    file_name: row.fileName,
    content_type: row.contentType,
    byte_size: row.byteSize,
    url: `${attachmentPath(row.id)}?expires=${expires}&sig=${signature}`,
    url_expires_at: new Date(expires * 1000).toISOString(),
  };
}

/** Whether a download link's expiry and signature are this attachment's and still valid. */
export const attachmentLinkValid = (attachmentId: string, expires: string | null, signature: string | null, now = new Date()) =>
  appLinkSigner(LINK_PURPOSE).verify(attachmentId, expires, signature, now);
