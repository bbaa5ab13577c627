import { randomUUID } from "node:crypto";
import type { AttachmentUploadQuery } from "../contract/customer-chat";
import type { PrismaClient } from "../db/prisma-client.server";
import { AppError, notFound } from "../errors/app-error";
import { contentDisposition, sanitizeFileName } from "../files/file-name";
import { isRasterImage } from "../files/content-type";
import { copyStoredFile, newStorageKey, type FileStore, type StoredFile } from "../files/file-store.server";
import { receiveUpload } from "../files/upload-spool.server";
import { isUuid } from "../tenancy/memberships.server";
import { attachmentLinkValid } from "./attachment-wire.server";
import type { NewAttachment } from "./session-store.server";

/** Where attachments are kept and how large one may be (ATTACHMENT_MAX_BYTES, S3_*). */
export interface AttachmentSettings {
  store: FileStore;
  maxBytes: number;
}

/** An upload as it arrives: the request's body stream, its declared length, and the query's fields (a message's, or only a name). */
export interface IncomingFile<Query extends Pick<AttachmentUploadQuery, "file_name" | "caption"> = AttachmentUploadQuery> {
  body: AsyncIterable<Uint8Array> | null;
  declaredLength?: number;
  query: Query;
}

/** A request's body as an upload, with the query's fields already parsed. */
export function incomingFile<Query extends Pick<AttachmentUploadQuery, "file_name" | "caption">>(req: Request, query: Query): IncomingFile<Query> {
  const declared = req.headers.get("content-length");
  return { body: req.body as AsyncIterable<Uint8Array> | null, declaredLength: declared === null ? undefined : Number(declared), query };
}

/** A checked file, in the store, waiting for its message. */
export interface StoredUpload {
  attachment: NewAttachment;
  /** The message's text: the caption, or nothing. */
  body: string;
  /** Takes the file out of the store again (its message was not written). */
  remove(): Promise<void>;
}

/**
 * Receives a file for a message of the business: checked while it streams (size, kind from its
 * bytes), then put in the store under a new random key of that business. Nothing is kept of a
 * refused file.
 */
export async function storeUpload(settings: AttachmentSettings, businessId: string, file: IncomingFile<Pick<AttachmentUploadQuery, "file_name" | "caption">>): Promise<StoredUpload> {
  const received = await receiveUpload(file.body, { spoolDir: settings.store.spoolDir, maxBytes: settings.maxBytes, declaredLength: file.declaredLength });
  const storageKey = newStorageKey("attachments", businessId);
  try {
    await settings.store.put(storageKey, received);
  } finally {
    await received.discard();
  }
  return {
    attachment: {
      id: randomUUID(),
      storageKey,
      fileName: sanitizeFileName(file.query.file_name, received.contentType),
      contentType: received.contentType,
      byteSize: received.byteSize,
      sha256: received.sha256,
    },
    body: file.query.caption ?? "",
    remove: () => settings.store.delete(storageKey),
  };
}

/**
 * A file already checked and stored (a saved reply's) copied under a new key for a message: the
 * message owns its copy, so removing either never takes the other's bytes. 404 when the bytes are gone.
 */
export async function storeCopy(settings: AttachmentSettings, businessId: string, source: Omit<NewAttachment, "id">, caption = ""): Promise<StoredUpload> {
  const storageKey = newStorageKey("attachments", businessId);
  if (!(await copyStoredFile(settings.store, source.storageKey, storageKey))) throw notFound("File");
  return { attachment: { ...source, id: randomUUID(), storageKey }, body: caption, remove: () => settings.store.delete(storageKey) };
}

/**
 * Sends the stored file as a message through `send` (the same path as a text message); when no new
 * message took it (a retry of a client_message_id already stored, or a refusal) the file leaves the
 * store again, so one message has one file.
 */
export async function sendStoredUpload<T extends { created: boolean }>(upload: StoredUpload, send: (upload: StoredUpload) => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await send(upload);
  } catch (error) {
    await upload.remove();
    throw error;
  }
  if (!result.created) await upload.remove();
  return result;
}

/** An attachment ready to be served: its bytes and the headers that make browsers treat it safely. */
export interface AttachmentDownload {
  file: StoredFile;
  headers: Record<string, string>;
}

const LINK_REFUSED = "This link is not valid or has expired; open the conversation again for a fresh one.";

/**
 * The file behind a signed link. The signature is checked before anything is looked up (a refused
 * link says nothing about what exists); the file is then served with its sniffed type, never
 * sniffed again by the browser, inline only when it is a raster image, and sandboxed.
 */
export async function openAttachment(db: PrismaClient, store: FileStore, attachmentId: string, expires: string | null, signature: string | null, now = new Date()): Promise<AttachmentDownload> {
  if (!attachmentLinkValid(attachmentId, expires, signature, now)) throw new AppError("forbidden", LINK_REFUSED);
  const row = isUuid(attachmentId) ? await db.attachment.findUnique({ where: { id: attachmentId }, select: { storageKey: true, fileName: true, contentType: true } }) : null;
  const file = row && (await store.get(row.storageKey));
  if (!row || !file) throw notFound("Attachment");
  const secondsLeft = Math.max(0, Math.floor(Number(expires) - now.getTime() / 1000));
  return {
    file,
    headers: {
      "content-type": row.contentType === "text/plain" ? "text/plain; charset=utf-8" : row.contentType,
      "content-length": String(file.byteSize),
      "content-disposition": contentDisposition(isRasterImage(row.contentType) ? "inline" : "attachment", row.fileName),
      "x-content-type-options": "nosniff",
      // Opened directly, nothing in it may run, load or be framed.
      "content-security-policy": "sandbox; default-src 'none'; frame-ancestors 'none'",
      // Only this browser may keep it, and no longer than its link is valid.
      "cache-control": `private, max-age=${secondsLeft}`,
      "referrer-policy": "no-referrer",
    },
  };
}
