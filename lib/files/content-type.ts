/**
 * What a file is, decided from its bytes alone: the name and Content-Type a client sends are never
 * trusted. Only the kinds below are accepted; everything else (SVG, HTML, executables, archives…)
 * is refused. Universal and pure.
 */

/** The accepted kinds, each with the extensions a file of that kind may keep. */
export const ACCEPTED_TYPES = {
  "image/png": ["png"],
  "image/jpeg": ["jpg", "jpeg"],
  "image/gif": ["gif"],
  "image/webp": ["webp"],
  "application/pdf": ["pdf"],
  "text/plain": ["txt", "log", "csv", "md"],
} as const satisfies Record<string, readonly string[]>;

export type AcceptedType = keyof typeof ACCEPTED_TYPES;

/** Raster images: the only kinds a browser is ever asked to show inline. */
export const isRasterImage = (type: string): boolean => type === "image/png" || type === "image/jpeg" || type === "image/gif" || type === "image/webp";

/** How many leading bytes sniffing needs. */
export const SNIFF_HEAD_BYTES = 512;

const startsWith = (head: Uint8Array, signature: readonly number[], offset = 0) => signature.every((byte, index) => head[offset + index] === byte);
const ascii = (text: string) => Array.from(text, (char) => char.charCodeAt(0));

function binaryType(head: Uint8Array): AcceptedType | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(head, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(head, ascii("GIF87a")) || startsWith(head, ascii("GIF89a"))) return "image/gif";
  if (startsWith(head, ascii("RIFF")) && startsWith(head, ascii("WEBPVP8"), 8)) return "image/webp";
  if (startsWith(head, ascii("%PDF-"))) return "application/pdf";
  return null;
}

/**
 * Text a browser would take for markup (WHATWG MIME Sniffing, "identifying a resource with an
 * unknown MIME type", plus SVG): a tag like these as the first thing after whitespace.
 */
const MARKUP_START = /^<(?:!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|!--|\?xml|svg)(?=[\s>/]|$)/i;

/** Whether text (already known to be UTF-8 without NUL) starts like HTML, XML or SVG. */
export function looksLikeMarkup(head: string): boolean {
  return MARKUP_START.test(head.replace(/^\uFEFF/, "").trimStart());
}

/**
 * The kind of a file from its first bytes (at least SNIFF_HEAD_BYTES, or all of a shorter file) and
 * whether the whole file is valid UTF-8 without NUL bytes; null when it is not one we accept.
 */
export function sniffContentType(head: Uint8Array, wholeFileIsText: boolean): AcceptedType | null {
  const binary = binaryType(head);
  if (binary) return binary;
  if (!wholeFileIsText) return null;
  // The head may end inside a multi-byte character: the replacement character there is harmless.
  return looksLikeMarkup(new TextDecoder("utf-8").decode(head)) ? null : "text/plain";
}

/**
 * Follows a stream of bytes and tells whether all of it is valid UTF-8 without NUL bytes (plain
 * text), without keeping it.
 */
export function createTextCheck() {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let text = true;
  return {
    push(chunk: Uint8Array) {
      if (!text) return;
      if (chunk.includes(0)) text = false;
      else {
        try {
          decoder.decode(chunk, { stream: true });
        } catch {
          text = false;
        }
      }
    },
    /** After the last chunk: a file that ends inside a character is not text. */
    isText(): boolean {
      if (!text) return false;
      try {
        decoder.decode();
        return true;
      } catch {
        return false;
      }
    },
  };
}
