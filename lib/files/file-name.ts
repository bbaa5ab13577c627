/**
 * File names as people see them (a message's attachment, a download's name): only ever shown or
 * sent back in Content-Disposition, never used as a path. Universal and pure.
 */
import { ACCEPTED_TYPES, type AcceptedType } from "./content-type";

export const FILE_NAME_MAX_LENGTH = 120;

// C0/C1 controls, and the format characters that reorder or hide text (an "exe.png" that reads "png.exe").
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

/**
 * A name to show for an uploaded file of the sniffed type: the last path segment, without control
 * and bidi characters, at most FILE_NAME_MAX_LENGTH characters, ending in an extension of its real
 * type (the client's extension is kept only when it matches).
 */
export function sanitizeFileName(raw: string, type: AcceptedType): string {
  const extensions: readonly string[] = ACCEPTED_TYPES[type];
  const lastSegment = raw.normalize("NFC").split(/[/\\]/).pop() ?? "";
  const cleaned = lastSegment
    .replace(UNSAFE_CHARACTERS, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "")
    .replace(/[. ]+$/, "");
  const dot = cleaned.lastIndexOf(".");
  const given = dot > 0 ? cleaned.slice(dot + 1).toLowerCase() : "";
  const matches = extensions.includes(given);
  const stem = (matches ? cleaned.slice(0, dot) : cleaned).trim() || "attachment";
  const extension = matches ? given : extensions[0];
  // Cut by code points, so a character outside the BMP is never split in half.
  const room = FILE_NAME_MAX_LENGTH - extension.length - 1;
  const shortStem = Array.from(stem).slice(0, room).join("").trim() || "attachment";
  return `${shortStem}.${extension}`;
}

/**
 * The Content-Disposition of a download: `inline` or `attachment`, with an ASCII fallback name and
 * the real one in RFC 5987 `filename*` (UTF-8, percent-encoded).
 */
export function contentDisposition(kind: "inline" | "attachment", fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** A size as people read it: 10485760 → "10 MiB", 1536 → "1.5 KiB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ["KiB", "MiB", "GiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}
