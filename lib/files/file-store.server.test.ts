import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import S3rver from "s3rver";
import { AppError } from "../errors/app-error";
import { assertStorageKey, copyStoredFile, createLocalFileStore, newStorageKey, type FileStore } from "./file-store.server";
import { createS3FileStore } from "./s3-file-store.server";
import { receiveUpload } from "./upload-spool.server";

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex");
const chunksOf = (data: Buffer, size: number) => Readable.from(Array.from({ length: Math.ceil(data.length / size) }, (_, i) => data.subarray(i * size, (i + 1) * size)));
const readAll = async (stream: Readable) => Buffer.concat(await stream.toArray());

/** The same contract for every store: put (buffer or spooled upload), get, exists, delete. */
function storeContract(name: string, open: () => Promise<FileStore>) {
  describe(name, () => {
    let store: FileStore;
    before(async () => {
      store = await open();
    });

    it("stores a checked upload under a new key, reads it back whole, and forgets it on delete", async () => {
      const upload = await receiveUpload(chunksOf(PNG, 7), { spoolDir: store.spoolDir, maxBytes: 1024 });
      assert.equal(upload.contentType, "image/png");
      assert.equal(upload.byteSize, PNG.length);
      const key = newStorageKey("attachments", "b1");
      await store.put(key, upload);
      assert.deepEqual(await readdir(store.spoolDir), [], "the spooled file is consumed");
      assert.equal(await store.exists(key), true);
      const stored = await store.get(key);
      assert.equal(stored?.byteSize, PNG.length);
      assert.deepEqual(await readAll(stored!.stream), PNG);
      await store.delete(key);
      assert.equal(await store.exists(key), false);
      assert.equal(await store.get(key), null);
      await store.delete(key);
    });

    it("stores a buffer, and answers null for a key it never had", async () => {
      const key = newStorageKey("attachments", "b2");
      await store.put(key, Buffer.from("hello"));
      assert.equal((await readAll((await store.get(key))!.stream)).toString(), "hello");
      assert.equal(await store.get(newStorageKey("attachments", "b2")), null);
    });

    it("copies a file under a new key: each copy is removed on its own; nothing to copy is false", async () => {
      const from = newStorageKey("attachments", "b3");
      const to = newStorageKey("attachments", "b3");
      await store.put(from, PNG);
      assert.equal(await copyStoredFile(store, from, to), true);
      await store.delete(from);
      assert.deepEqual(await readAll((await store.get(to))!.stream), PNG, "the copy outlives the original");
      assert.equal(await copyStoredFile(store, from, newStorageKey("attachments", "b3")), false);
    });

    it("refuses keys that could leave its folder", async () => {
      for (const key of ["../x", "a/../../x", "/etc/passwd", "a//b", "a/.hidden", "a\\b", "", "a/b/"]) {
        await assert.rejects(() => store.put(key, Buffer.from("x")), /Not a storage key/, key);
        await assert.rejects(() => store.get(key), /Not a storage key/, key);
      }
    });
  });
}

describe("file stores", () => {
  const folders: string[] = [];
  const folder = async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "switchboard-files-"));
    folders.push(dir);
    return dir;
  };
  after(() => Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true }))));

  storeContract("local disk", async () => createLocalFileStore(await folder()));

  // A real S3-compatible server (s3rver, in this process): the S3 store speaks the actual protocol through the AWS SDK.
  let s3: S3rver | undefined;
  after(() => s3?.close());
  storeContract("S3 (s3rver)", async () => {
    s3 = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: await folder(), configureBuckets: [{ name: "switchboard", configs: [] }] });
    const { port } = (await s3.run()) as AddressInfo;
    return createS3FileStore(
      {
        bucket: "switchboard",
        region: "us-east-1",
        endpoint: `http://127.0.0.1:${port}`,
        credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
        forcePathStyle: true,
        prefix: "test",
      },
      await folder(),
    );
  });

  it("assertStorageKey accepts the keys the app makes", () => {
    assertStorageKey(newStorageKey("attachments", "2b0c7a4e-6f7a-4f6e-9d3c-1c2b3a4d5e6f"));
  });
});

describe("receiveUpload", () => {
  let spoolDir: string;
  before(async () => {
    spoolDir = await mkdtemp(path.join(tmpdir(), "switchboard-spool-"));
  });
  after(() => rm(spoolDir, { recursive: true, force: true }));

  const refusal = (code: string) => (error: unknown) => error instanceof AppError && error.code === code;

  it("hashes what it receives", async () => {
    const upload = await receiveUpload(chunksOf(Buffer.from("plain words\n"), 3), { spoolDir, maxBytes: 100 });
    assert.equal(upload.contentType, "text/plain");
    assert.equal(upload.sha256, createHash("sha256").update("plain words\n").digest("hex"));
    await upload.discard();
  });

  it("refuses too large (declared, or while streaming), empty and unknown kinds, and leaves nothing behind", async () => {
    await assert.rejects(() => receiveUpload(chunksOf(PNG, 4), { spoolDir, maxBytes: 10, declaredLength: PNG.length }), refusal("payload_too_large"));
    await assert.rejects(() => receiveUpload(chunksOf(PNG, 4), { spoolDir, maxBytes: 10 }), refusal("payload_too_large"));
    await assert.rejects(() => receiveUpload(chunksOf(Buffer.alloc(0), 1), { spoolDir, maxBytes: 10 }), refusal("validation_error"));
    await assert.rejects(() => receiveUpload(chunksOf(Buffer.from("<svg onload=alert(1)>"), 5), { spoolDir, maxBytes: 100 }), refusal("unsupported_media_type"));
    await assert.rejects(() => receiveUpload(chunksOf(Buffer.from("MZ\x90\x00\x03\x00PE\x00\x00"), 5), { spoolDir, maxBytes: 100 }), refusal("unsupported_media_type"));
    assert.deepEqual(await readdir(spoolDir), []);
  });
});
