import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { attachmentConfig, ConfigError, loadEnv, webhookConfig } from "./env.server";

describe("loadEnv", () => {
  it("fills every documented default", () => {
    const env = loadEnv({});
    assert.equal(env.PORT, 3000);
    assert.equal(env.DATABASE_URL, undefined);
    assert.equal(env.REDIS_URL, undefined);
    assert.equal(env.NEXTAUTH_SECRET, undefined);
    assert.equal(env.DATA_DIR, ".data");
    assert.equal(env.SEED_DEMO_DATA, true);
  });

  it("treats empty strings as unset", () => {
    assert.equal(loadEnv({ DATABASE_URL: "" }).DATABASE_URL, undefined);
  });

  it("accepts valid overrides", () => {
    const env = loadEnv({ PORT: "8080", DATABASE_URL: "postgresql://u:p@db:5432/app", REDIS_URL: "redis://cache:6379", SEED_DEMO_DATA: "false" });
    assert.equal(env.PORT, 8080);
    assert.equal(env.DATABASE_URL, "postgresql://u:p@db:5432/app");
    assert.equal(env.SEED_DEMO_DATA, false);
  });

  it("names every invalid variable", () => {
    assert.throws(
      () => loadEnv({ PORT: "eighty", DATABASE_URL: "mysql://x", NEXTAUTH_SECRET: "short" }),
      (error: unknown) => error instanceof ConfigError && /PORT/.test(error.message) && /DATABASE_URL/.test(error.message) && /NEXTAUTH_SECRET/.test(error.message),
    );
  });

  it("keeps attachments in DATA_DIR/files, or in the S3 bucket that S3_BUCKET names", () => {
    assert.deepEqual(attachmentConfig(loadEnv({ DATA_DIR: "/srv/switchboard" })), { maxBytes: 10 * 1024 * 1024, storage: { kind: "local", root: "/srv/switchboard/files" } });
    const s3 = attachmentConfig(
      loadEnv({
        DATA_DIR: "/srv/sb",
        ATTACHMENT_MAX_BYTES: "2048",
        S3_BUCKET: "files",
        S3_ENDPOINT: "http://minio:9000",
        S3_ACCESS_KEY_ID: "id",
        S3_SECRET_ACCESS_KEY: "secret",
        S3_FORCE_PATH_STYLE: "true",
      }),
    );
    assert.deepEqual(s3, {
      maxBytes: 2048,
      storage: {
        kind: "s3",
        bucket: "files",
        region: "us-east-1",
        endpoint: "http://minio:9000",
        credentials: { accessKeyId: "id", secretAccessKey: "secret" },
        forcePathStyle: true,
        prefix: "",
        spoolDir: "/srv/sb/files/.incoming",
      },
    });
    assert.throws(() => loadEnv({ S3_BUCKET: "files", S3_ACCESS_KEY_ID: "id" }), /S3_ACCESS_KEY_ID: set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY together/);
    assert.throws(() => loadEnv({ S3_PREFIX: "../up" }), /S3_PREFIX/);
  });

  it("keeps webhooks to https and public addresses unless told otherwise, with a day of retries", () => {
    assert.deepEqual(webhookConfig(loadEnv({})), { allowPrivateUrls: false, timeoutMs: 10_000, retryScale: 1, concurrency: 4 });
    assert.deepEqual(webhookConfig(loadEnv({ WEBHOOK_ALLOW_PRIVATE_URLS: "true", WEBHOOK_TIMEOUT_MS: "2000", WEBHOOK_RETRY_SCALE: "0.001", WEBHOOK_CONCURRENCY: "8" })), {
      allowPrivateUrls: true,
      timeoutMs: 2_000,
      retryScale: 0.001,
      concurrency: 8,
    });
    assert.throws(() => loadEnv({ WEBHOOK_ALLOW_PRIVATE_URLS: "yes", WEBHOOK_RETRY_SCALE: "0" }), /WEBHOOK_ALLOW_PRIVATE_URLS[\s\S]*WEBHOOK_RETRY_SCALE/);
  });

  it("refuses an assistant task expiry that would retry answers still being written", () => {
    assert.throws(
      () => loadEnv({ ASSISTANT_TIMEOUT_MS: "60000", ASSISTANT_TASK_EXPIRE_SECONDS: "30" }),
      (error: unknown) => error instanceof ConfigError && /ASSISTANT_TASK_EXPIRE_SECONDS: must be longer than ASSISTANT_TIMEOUT_MS/.test(error.message),
    );
  });
});
