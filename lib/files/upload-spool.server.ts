import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { once } from "node:events";
import { AppError } from "../errors/app-error";
import { createTextCheck, sniffContentType, SNIFF_HEAD_BYTES, type AcceptedType } from "./content-type";
import { formatBytes } from "./file-name";
import type { SpooledFile } from "./file-store.server";

/** An upload received whole and checked: on disk in the spool folder until stored or discarded. */
export interface ReceivedUpload extends SpooledFile {
  /** Sniffed from the bytes. */
  contentType: AcceptedType;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  /** Removes the spooled file (a refused or duplicate upload); harmless once it has been stored. */
  discard(): Promise<void>;
}

export interface ReceiveOptions {
  spoolDir: string;
  maxBytes: number;
  /** The request's Content-Length, when it sent one: refused before reading when already too large. */
  declaredLength?: number;
}

export const tooLarge = (maxBytes: number) => new AppError("payload_too_large", `A file may be at most ${formatBytes(maxBytes)}.`);

/**
 * Writes a request body to a spool file while counting, hashing and sniffing it: never more than
 * `maxBytes` is read or kept (413, the rest is not read), an empty body is refused (400) and so is
 * a kind we do not accept (415). Whatever is refused leaves no file behind.
 */
export async function receiveUpload(body: AsyncIterable<Uint8Array> | null, options: ReceiveOptions): Promise<ReceivedUpload> {
  if (options.declaredLength !== undefined && options.declaredLength > options.maxBytes) throw tooLarge(options.maxBytes);
  await mkdir(options.spoolDir, { recursive: true });
  const file = path.join(options.spoolDir, randomUUID());
  const discard = () => rm(file, { force: true });
  const out = createWriteStream(file, { mode: 0o600 });
  const hash = createHash("sha256");
  const text = createTextCheck();
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let byteSize = 0;
  try {
    // Throwing inside the loop ends the iteration, which cancels the request's stream.
    for await (const chunk of body ?? []) {
      byteSize += chunk.byteLength;
      if (byteSize > options.maxBytes) throw tooLarge(options.maxBytes);
      if (headBytes < SNIFF_HEAD_BYTES) {
        head.push(chunk.subarray(0, SNIFF_HEAD_BYTES - headBytes));
        headBytes += Math.min(chunk.byteLength, SNIFF_HEAD_BYTES - headBytes);
      }
      hash.update(chunk);
      text.push(chunk);
      if (!out.write(chunk)) await once(out, "drain");
    }
    out.end();
    await once(out, "finish");
    if (byteSize === 0) throw new AppError("validation_error", "The file is empty.", { fields: { file: ["must not be empty"] } });
    const contentType = sniffContentType(Buffer.concat(head), text.isText());
    if (!contentType) throw new AppError("unsupported_media_type", "Only images (PNG, JPEG, GIF, WebP), PDF and plain text files can be sent.");
    return { path: file, byteSize, contentType, sha256: hash.digest("hex"), discard };
  } catch (error) {
    out.destroy();
    await discard();
    throw error;
  }
}
