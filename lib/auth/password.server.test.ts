import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkPassword, hashPassword, verifyPassword } from "./password.server";

describe("password hashing", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const hash = await hashPassword("correct horse");
    assert.match(hash, /^scrypt\$16384\$8\$1\$/);
    assert.equal(await verifyPassword("correct horse", hash), true);
    assert.equal(await verifyPassword("correct horsf", hash), false);
  });

  it("salts every hash", async () => {
    assert.notEqual(await hashPassword("same"), await hashPassword("same"));
  });

  it("rejects malformed stored hashes instead of throwing", async () => {
    assert.equal(await verifyPassword("x", "plaintext"), false);
    assert.equal(await verifyPassword("x", "bcrypt$1$2$3$a$b"), false);
  });

  it("checks an unknown user's password against a decoy hash of the same cost, and refuses it", async () => {
    const checked: string[] = [];
    const recordingVerify = (password: string, stored: string) => {
      checked.push(stored);
      return verifyPassword(password, stored);
    };
    assert.equal(await checkPassword("anything", undefined, recordingVerify), false);
    assert.equal(checked.length, 1);
    // Same scheme and parameters as a real user's hash: the same scrypt work.
    const real = await hashPassword("correct horse");
    assert.equal(checked[0].split("$").slice(0, 4).join("$"), real.split("$").slice(0, 4).join("$"));
    assert.equal(await checkPassword("correct horse", real), true);
    assert.equal(await checkPassword("wrong", real), false);
  });
});
