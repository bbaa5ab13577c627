import type { z } from "zod";
import { fetchJson } from "../browser/fetch-json";
import { uploadFile } from "../browser/upload-file";
import type { AttachmentUploadResponse, ChatInitBody, ChatInitResponse, chatRatingBody, CustomerSessionStatus, CustomerSessionView } from "../contract/customer-chat";
import type { SessionStatusName } from "../contract/staff";
import type { ChatHistoryBody, ChatHistoryResponse } from "../contract/identity";

/**
 * What opens a customer's chat: issued by POST /api/v1/chat/init, kept in the browser, with the
 * external_id of the site's signed-in user it was started for (widget identity), if any.
 */
export type ChatCredential = Pick<ChatInitResponse, "session_id" | "session_token"> & { external_id?: string | null };

const sessionUrl = (credential: ChatCredential, path = "") => `/api/v1/chat/${encodeURIComponent(credential.session_id)}${path}`;

/** The customer chat API (DESIGN §5) for the public chat page. Failures throw ApiError. */
export const customerChatApi = {
  start: (body: ChatInitBody) => fetchJson<ChatInitResponse>("/api/v1/chat/init", { method: "POST", body }),
  /** A verified customer's earlier chats with the business (403 when the identity does not verify). */
  history: (body: ChatHistoryBody) => fetchJson<ChatHistoryResponse>("/api/v1/chat/history", { method: "POST", body }),
  view: (credential: ChatCredential) => fetchJson<CustomerSessionView>(sessionUrl(credential), { token: credential.session_token }),
  end: (credential: ChatCredential) => fetchJson<{ status: SessionStatusName }>(sessionUrl(credential), { method: "DELETE", token: credential.session_token }),
  /** A file as a message (its kind is decided by the server from the bytes). */
  upload: (credential: ChatCredential, file: File, clientMessageId: string, onProgress: (fraction: number) => void) =>
    uploadFile<AttachmentUploadResponse>(sessionUrl(credential, `/attachments?${new URLSearchParams({ client_message_id: clientMessageId, file_name: file.name })}`), file, {
      token: credential.session_token,
      onProgress,
    }),
  /** Where to answer an offline message (business hours). */
  email: (credential: ChatCredential, email: string) => fetchJson<CustomerSessionStatus>(sessionUrl(credential, "/email"), { method: "PUT", token: credential.session_token, body: { email } }),
  rate: (credential: ChatCredential, rating: z.infer<typeof chatRatingBody>) =>
    fetchJson<unknown>(sessionUrl(credential, "/rating"), { method: "POST", token: credential.session_token, body: rating }),
};
