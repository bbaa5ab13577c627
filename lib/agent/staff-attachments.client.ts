import { adminApiUrl } from "../browser/fetch-json";
import { uploadFile } from "../browser/upload-file";
import type { AttachmentUploadResponse } from "../contract/customer-chat";

/** POST /api/v1/admin/sessions/{id}/attachments: a file as the holder's reply (its kind is decided by the server from the bytes). */
export function sendStaffAttachment(companyId: string, sessionId: string, file: File, clientMessageId: string, onProgress: (fraction: number) => void) {
  const url = `${adminApiUrl(`sessions/${encodeURIComponent(sessionId)}/attachments`, companyId)}&${new URLSearchParams({ client_message_id: clientMessageId, file_name: file.name })}`;
  return uploadFile<AttachmentUploadResponse>(url, file, { onProgress });
}

/** The same endpoint with `saved_reply_id` and no body: the saved reply's file as the holder's reply, copied on the server. */
export function sendSavedReplyAttachment(companyId: string, sessionId: string, savedReplyId: string, clientMessageId: string) {
  const url = `${adminApiUrl(`sessions/${encodeURIComponent(sessionId)}/attachments`, companyId)}&${new URLSearchParams({ client_message_id: clientMessageId, saved_reply_id: savedReplyId })}`;
  // An empty body, as bytes: the upload route takes application/octet-stream only (no cross-site form can send it).
  return uploadFile<AttachmentUploadResponse>(url, new Blob([]));
}
