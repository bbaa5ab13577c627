import type { AttachmentConfig } from "../config/env.server";
import { createLocalFileStore, type FileStore } from "./file-store.server";
import { createS3FileStore } from "./s3-file-store.server";

/** The store the configuration names: the S3 bucket when S3_BUCKET is set, else the local disk. */
export function createFileStore(storage: AttachmentConfig["storage"]): FileStore {
  return storage.kind === "s3" ? createS3FileStore(storage, storage.spoolDir) : createLocalFileStore(storage.root);
}
