import { adminApiUrl } from "../browser/fetch-json";
import { uploadFile } from "../browser/upload-file";
import type { AttachmentUploadResponse } from "../contract/customer-chat";

/** POST /api/v1/admin/sessions/{id}/attachments: a file as the holder's reply (its kind is decided by the server from the bytes). */
export function sendStaffAttachment(companyId: string, sessionId: string, file: File, clientMessageId: string, onProgress: (fraction: number) => void) {
  const url = `${adminApiUrl(`sessions/${encodeURIComponent(sessionId)}/attachments`, companyId)}&${new URLSearchParams({ client_message_id: clientMessageId, file_name: file.name })}`;
  return uploadFile<AttachmentUploadResponse>(url, file, { onProgress });
}
