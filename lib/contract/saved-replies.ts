/**
 * Saved replies (canned responses): the admin API's bodies and wire shape. Universal: shared by
 * the server, the settings page, the agent's composer and tests.
 */
import { z } from "zod";
import type { Role } from "../db/generated/enums";
import { attachmentUploadQuery, clientMessageId, id, MESSAGE_MAX_LENGTH } from "./customer-chat";

export const SAVED_REPLY_TITLE_MAX_LENGTH = 80;
export const SAVED_REPLY_SHORTCUT_MAX_LENGTH = 32;
/** A saved reply is sent as a chat message, so it fits in one (variables filled in may lengthen it; the composer says so). */
export const SAVED_REPLY_BODY_MAX_LENGTH = MESSAGE_MAX_LENGTH;
/** Admin API bodies above this are refused with 413 (a body of the longest reply fits, even fully escaped). */
export const SAVED_REPLIES_BODY_MAX_BYTES = 32 * 1024;

/** Who creates, edits and deletes a business's saved replies; every member lists and uses them. */
export const SAVED_REPLY_ADMIN_ROLES: readonly Role[] = ["OWNER", "ADMIN"];

const SHORTCUT_PATTERN = new RegExp(`^[a-z0-9][a-z0-9_-]{0,${SAVED_REPLY_SHORTCUT_MAX_LENGTH - 1}}$`);
export const SHORTCUT_RULE = `1–${SAVED_REPLY_SHORTCUT_MAX_LENGTH} characters: letters, digits, - and _, starting with a letter or digit`;

/**
 * What the agent types after "/": stored lowercase, so "/Refund" and "/refund" are one shortcut.
 * A leading "/" is the trigger, not part of the name, and is dropped.
 */
export const normaliseShortcut = (text: string) => text.trim().replace(/^\//, "").toLowerCase();

const title = z.string().trim().min(1, "title must not be empty").max(SAVED_REPLY_TITLE_MAX_LENGTH, `title must be at most ${SAVED_REPLY_TITLE_MAX_LENGTH} characters`);
const shortcut = z
  .string()
  .transform(normaliseShortcut)
  .pipe(z.string().regex(SHORTCUT_PATTERN, `shortcut must be ${SHORTCUT_RULE}`));
const body = z.string().trim().min(1, "body must not be empty").max(SAVED_REPLY_BODY_MAX_LENGTH, `body must be at most ${SAVED_REPLY_BODY_MAX_LENGTH} characters`);

/** `POST /api/v1/admin/saved-replies` */
export const savedReplyBody = z.object({ title, shortcut, body }).strict();
export type SavedReplyInput = z.infer<typeof savedReplyBody>;

/** `PATCH /api/v1/admin/saved-replies/{id}` */
export const savedReplyPatch = z
  .object({ title: title.optional(), shortcut: shortcut.optional(), body: body.optional() })
  .strict()
  .refine((input) => input.title !== undefined || input.shortcut !== undefined || input.body !== undefined, { message: "send title, shortcut, body or any of them" });
export type SavedReplyPatch = z.infer<typeof savedReplyPatch>;

/** The file a saved reply sends along (at most one); its bytes are read only through the message it becomes. */
export interface SavedReplyAttachmentWire {
  id: string;
  file_name: string;
  content_type: string;
  byte_size: number;
}

export interface SavedReplyWire {
  id: string;
  title: string;
  /** Lowercase, without the "/". */
  shortcut: string;
  /** May hold variables such as {{customer.name}}, filled in by the composer. */
  body: string;
  /** Sent as a message of its own after the text, when the agent sends the reply. */
  attachment: SavedReplyAttachmentWire | null;
  created_at: string;
  updated_at: string;
}

/** `GET /api/v1/admin/saved-replies`: the list and its version (taken before the read, comparable with saved_replies.updated's). */
export interface SavedReplyListWire {
  saved_replies: SavedReplyWire[];
  version: number;
}

/**
 * The business's saved replies changed (created, edited, deleted, a file attached or removed), to
 * its staff: the whole list; a client replaces its copy when the version is newer than its own.
 */
export interface SavedRepliesUpdated {
  company_id: string;
  version: number;
  saved_replies: SavedReplyWire[];
}

/** `PUT /api/v1/admin/saved-replies/{id}/attachment`: the body is the file's bytes, its name a query parameter. */
export const savedReplyAttachmentQuery = attachmentUploadQuery.pick({ file_name: true }).strict();

/**
 * `POST /api/v1/admin/sessions/{id}/attachments` with `saved_reply_id` and no body: the saved
 * reply's file sent as the holder's message (copied on the server, not uploaded again).
 */
export const savedReplyFileSendQuery = z.object({ client_message_id: clientMessageId, saved_reply_id: id("saved_reply_id"), caption: attachmentUploadQuery.shape.caption }).strict();
export type SavedReplyFileSendQuery = z.infer<typeof savedReplyFileSendQuery>;
