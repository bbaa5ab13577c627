import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { assertStorageKey, type FileStore } from "./file-store.server";

export interface S3StoreConfig {
  bucket: string;
  region: string;
  /** An S3-compatible server (MinIO, Ceph, R2…); unset = AWS. */
  endpoint?: string;
  /** Unset = the SDK's default chain (environment, profile, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** bucket in the path (`endpoint/bucket/key`), as most S3-compatible servers want. */
  forcePathStyle: boolean;
  /** Every key is stored under this prefix (`prefix/key`); empty for none. */
  prefix: string;
}

const isMissing = (error: unknown) => error instanceof NoSuchKey || error instanceof NotFound || (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404);

/**
 * Files in an S3 bucket through the official AWS SDK. Uploads are spooled on this machine's disk
 * first (`spoolDir`), so each object is written whole with a known length by one PutObject.
 */
export function createS3FileStore(config: S3StoreConfig, spoolDir: string): FileStore {
  const client = new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials: config.credentials,
    // Checksums only where S3 requires them: S3-compatible servers do not all know the newer ones.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const objectKey = (key: string) => {
    assertStorageKey(key);
    return config.prefix ? `${config.prefix}/${key}` : key;
  };
  const target = (key: string) => ({ Bucket: config.bucket, Key: objectKey(key) });

  return {
    kind: "s3",
    spoolDir: path.resolve(spoolDir),
    async put(key, source) {
      if (Buffer.isBuffer(source)) {
        await client.send(new PutObjectCommand({ ...target(key), Body: source, ContentLength: source.byteLength }));
        return;
      }
      try {
        await client.send(new PutObjectCommand({ ...target(key), Body: createReadStream(source.path), ContentLength: source.byteSize }));
      } finally {
        await rm(source.path, { force: true });
      }
    },
    async get(key) {
      try {
        const object = await client.send(new GetObjectCommand(target(key)));
        if (!(object.Body instanceof Readable)) throw new Error("The S3 answer has no readable body.");
        return { stream: object.Body, byteSize: object.ContentLength ?? 0 };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand(target(key)));
    },
    async exists(key) {
      try {
        await client.send(new HeadObjectCommand(target(key)));
        return true;
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },
  };
}
