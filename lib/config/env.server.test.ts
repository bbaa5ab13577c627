import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError, loadEnv } from "./env.server";

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

  it("refuses an assistant task expiry that would retry answers still being written", () => {
    assert.throws(
      () => loadEnv({ ASSISTANT_TIMEOUT_MS: "60000", ASSISTANT_TASK_EXPIRE_SECONDS: "30" }),
      (error: unknown) => error instanceof ConfigError && /ASSISTANT_TASK_EXPIRE_SECONDS: must be longer than ASSISTANT_TIMEOUT_MS/.test(error.message),
    );
  });
});
