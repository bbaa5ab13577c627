/**
 * The customer side of live chat (DESIGN §5 and §6): the chat API's bodies and answers, the /chat
 * namespace's events, and the message and status shapes a customer sees. Universal.
 */
import { z } from "zod";
import type { MessageAuthor } from "../db/generated/enums";
import type { AckCallback } from "./ack";
import type { SessionStatusName } from "./staff";

export const CHAT_NAMESPACE = "/chat";

export const MESSAGE_MAX_LENGTH = 4000;
export const COMMENT_MAX_LENGTH = 2000;
/** HTTP bodies above this are refused with 413 before parsing. */
export const BODY_MAX_BYTES = 16 * 1024;

export const id = (what: string) => z.uuid({ message: `${what} must be an id` });
/** What a person writes in a conversation (a message, or staff's private note): one size limit for both. */
export const conversationText = (what: "message" | "note") => z.string().trim().min(1, `${what} must not be empty`).max(MESSAGE_MAX_LENGTH, `${what} must be at most ${MESSAGE_MAX_LENGTH} characters`);
export const messageBody = conversationText("message");
export const clientMessageId = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\w:.-]+$/, "client_message_id may use letters, digits and _ : . -");
export const requestId = z.string().trim().min(1).max(100);

/** The business's own id for a signed-in user of its site. Exactly as sent (no trimming): user_hash is the HMAC of this very string. */
export const externalId = z.string().min(1).max(200);
/** HMAC-SHA256(business identity secret, external_id), hex (docs/integrations.md, Identity verification). */
export const userHash = z.string().regex(/^[0-9a-fA-F]{64}$/, "user_hash must be 64 hex characters (HMAC-SHA256)");

export const chatInitBody = z
  .object({
    business: z.string().trim().min(1).max(64),
    customer: z
      .object({
        name: z.string().trim().min(1).max(100).optional(),
        email: z.email().max(200).optional(),
        external_id: externalId.optional(),
        user_hash: userHash.optional(),
      })
      .strict()
      .optional(),
    message: messageBody.optional(),
  })
  .strict();
export type ChatInitBody = z.infer<typeof chatInitBody>;

export const chatTaskBody = z.object({ message: messageBody, client_message_id: clientMessageId }).strict();
/** PUT /api/v1/chat/{id}/email: where to answer an offline message's customer (business hours). */
export const chatEmailBody = z.object({ email: z.email("must be an email address").max(200) }).strict();
export const chatRatingBody = z
  .object({
    score: z.number().int().min(1, "score must be 1 to 5").max(5, "score must be 1 to 5"),
    comment: z.string().trim().max(COMMENT_MAX_LENGTH).optional(),
  })
  .strict();

/** /chat namespace, customer → server. */
export const chatPayloads = {
  "chat.send": z.object({ client_message_id: clientMessageId, body: messageBody }).strict(),
  "chat.typing": z.object({ typing: z.boolean() }).strict(),
} as const;

export type MessageAuthorName = `${MessageAuthor}`;

/**
 * A file sent as a message. `url` is a short-lived signed link (minted afresh with every read of
 * the conversation) that serves the file to whoever holds it until `url_expires_at`.
 */
export interface AttachmentWire {
  id: string;
  file_name: string;
  /** Sniffed from the bytes when it was sent: image/png|jpeg|gif|webp, application/pdf or text/plain. */
  content_type: string;
  byte_size: number;
  url: string;
  url_expires_at: string;
}

export interface ChatMessageWire {
  id: string;
  session_id: string;
  author: MessageAuthorName;
  /** The agent who wrote it (AGENT messages), else null. */
  agent: { id: string; display_name: string } | null;
  /** The text, or an attachment's caption ("" for a file sent without one). */
  body: string;
  client_message_id: string | null;
  created_at: string;
  /** The file this message sends, if it is one. */
  attachment: AttachmentWire | null;
}

/**
 * POST /api/v1/chat/{id}/attachments and /api/v1/admin/sessions/{id}/attachments: the body is the
 * file's bytes (`Content-Type: application/octet-stream`), these are the query parameters.
 */
export const attachmentUploadQuery = z
  .object({
    client_message_id: clientMessageId,
    file_name: z.string().trim().min(1, "file_name must not be empty").max(255, "file_name must be at most 255 characters"),
    caption: z.string().trim().max(MESSAGE_MAX_LENGTH, `caption must be at most ${MESSAGE_MAX_LENGTH} characters`).optional(),
  })
  .strict();
export type AttachmentUploadQuery = z.infer<typeof attachmentUploadQuery>;

/** The answer to an upload: 201 with the new message, or 200 with the stored one for a retry of its client_message_id. */
export interface AttachmentUploadResponse {
  message: ChatMessageWire;
}

/** Where a waiting customer stands: 1 = next to be taken. */
export interface QueuePosition {
  position: number;
  total: number;
  estimated_wait_seconds: number;
}

/**
 * A chat taken while the desk was closed, waiting out of the queue until it opens (business hours,
 * docs/decisions/022). When to expect a reply is the business's desk status (the chat page has it).
 */
export interface CustomerOfflineWire {
  /** The business has the customer's email to answer at: otherwise the page asks for one. */
  email_known: boolean;
}

export interface CustomerSessionStatus {
  session_id: string;
  status: SessionStatusName;
  agent: { display_name: string } | null;
  queue: QueuePosition | null;
  /** Set while the chat is an offline message not yet in the queue. */
  offline: CustomerOfflineWire | null;
}

export interface CustomerSessionView extends CustomerSessionStatus {
  business: { slug: string; name: string };
  messages: ChatMessageWire[];
  rating: { score: number; comment: string | null } | null;
  created_at: string;
  closed_at: string | null;
}

export interface ChatInitResponse {
  session_id: string;
  session_token: string;
  status: SessionStatusName;
  /** Whether customer.external_id was verified by its user_hash (else the chat is an anonymous customer's). */
  verified: boolean;
}

export interface ChatTaskResponse {
  task_id: string;
  message_id: string;
}

export interface ChatServerToClientEvents {
  "chat.message": (payload: { message: ChatMessageWire }) => void;
  "chat.message_delta": (payload: { message_id: string; delta: string }) => void;
  "chat.status": (payload: CustomerSessionStatus) => void;
  /** Someone on the business's side is writing: the agent, or the assistant working on an answer. */
  "chat.typing": (payload: { author: "AGENT" | "ASSISTANT"; typing: boolean }) => void;
}

export interface ChatClientToServerEvents {
  "chat.send": (payload: z.infer<(typeof chatPayloads)["chat.send"]>, ack: AckCallback<{ message: ChatMessageWire }>) => void;
  "chat.typing": (payload: z.infer<(typeof chatPayloads)["chat.typing"]>, ack: AckCallback<object>) => void;
}
