import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, rename, rm, stat, writeFile, copyFile } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";

/** A finished upload on this machine's disk (in the store's spool folder), ready to be stored. */
export interface SpooledFile {
  path: string;
  byteSize: number;
}

export interface StoredFile {
  stream: Readable;
  byteSize: number;
}

/**
 * Where files live, by key. Keys are made by the app (never from user input) and checked by
 * `assertStorageKey`; `put` is atomic: a reader sees the whole file or none of it.
 */
export interface FileStore {
  readonly kind: "local" | "s3";
  /** A folder on this machine where uploads are written while they are checked, before `put`. */
  readonly spoolDir: string;
  /** Stores the bytes under key; a spooled file is consumed (moved or uploaded, then removed). */
  put(key: string, source: Buffer | SpooledFile): Promise<void>;
  /** The file, or null when there is none under key. */
  get(key: string): Promise<StoredFile | null>;
  /** Removes the file; a missing one is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*(?:\/[A-Za-z0-9][A-Za-z0-9_-]*){0,7}$/;

/** Segments of letters, digits, `_` and `-` joined by `/`: nothing that could climb out of a folder or name a device. */
export function assertStorageKey(key: string): void {
  if (key.length > 200 || !KEY_PATTERN.test(key)) throw new Error(`Not a storage key: ${JSON.stringify(key)}`);
}

/** A fresh key under `prefix` (itself made of key segments): random, so it says nothing and never collides. */
export function newStorageKey(...prefix: string[]): string {
  const key = [...prefix, randomUUID()].join("/");
  assertStorageKey(key);
  return key;
}

/** Copies the file under `from` to `to` (read whole: files are at most ATTACHMENT_MAX_BYTES); false when there is none under `from`. */
export async function copyStoredFile(store: FileStore, from: string, to: string): Promise<boolean> {
  const file = await store.get(from);
  if (!file) return false;
  const chunks: Buffer[] = [];
  for await (const chunk of file.stream) chunks.push(Buffer.from(chunk as Uint8Array));
  await store.put(to, Buffer.concat(chunks));
  return true;
}

const isMissing = (error: unknown) => error instanceof Error && "code" in error && (error.code === "ENOENT" || error.code === "ENOTDIR");

/**
 * Files on this machine's disk under `root` (DATA_DIR/files by default). Written to a temporary
 * name in the same folder tree and renamed into place, so a crash never leaves half a file under
 * a key. Several nodes need `root` on a shared volume (docs/deploy.md), or the S3 store.
 */
export function createLocalFileStore(root: string): FileStore {
  const base = path.resolve(root);
  const spoolDir = path.join(base, ".incoming");
  const fileOf = (key: string) => {
    assertStorageKey(key);
    return path.join(base, ...key.split("/"));
  };

  async function moveInto(target: string, from: string) {
    await mkdir(path.dirname(target), { recursive: true });
    try {
      await rename(from, target);
    } catch (error) {
      // A spool folder on another filesystem (a mounted volume): copy next to the target, then rename.
      if (!(error instanceof Error && "code" in error && error.code === "EXDEV")) throw error;
      const temporary = `${target}.${randomUUID()}.partial`;
      await copyFile(from, temporary);
      await rename(temporary, target);
      await rm(from, { force: true });
    }
  }

  return {
    kind: "local",
    spoolDir,
    async put(key, source) {
      const target = fileOf(key);
      if (Buffer.isBuffer(source)) {
        await mkdir(spoolDir, { recursive: true });
        const temporary = path.join(spoolDir, randomUUID());
        await writeFile(temporary, source, { mode: 0o600 });
        await moveInto(target, temporary);
      } else {
        await moveInto(target, source.path);
      }
    },
    async get(key) {
      const file = fileOf(key);
      try {
        const info = await stat(file);
        if (!info.isFile()) return null;
        return { stream: createReadStream(file), byteSize: info.size };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
    async exists(key) {
      try {
        return (await stat(fileOf(key))).isFile();
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },
  };
}
