import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, it } from "node:test";
import { newIdentitySecret, userHashFor, verifiedExternalId } from "./user-hash.server";

describe("user_hash", () => {
  const secret = "sbid_test-secret";
  const hash = createHmac("sha256", secret).update("user-42").digest("hex");

  it("is HMAC-SHA256 of the external_id under the secret, hex", () => {
    assert.equal(userHashFor(secret, "user-42"), hash);
    // The reference pair docs/integrations.md shows (its Node and Python samples give the same).
    assert.equal(userHashFor("sbid_example", "user-42"), "0059ced90affa09d9ee8a4dcd9c611f3758b22ed28dec25b2df1f5d89f724b5c");
  });

  it("verifies the exact external_id only, in either hex case", () => {
    assert.equal(verifiedExternalId(secret, { external_id: "user-42", user_hash: hash }), "user-42");
    assert.equal(verifiedExternalId(secret, { external_id: "user-42", user_hash: hash.toUpperCase() }), "user-42");
    assert.equal(verifiedExternalId(secret, { external_id: "user-42 ", user_hash: hash }), null);
    assert.equal(verifiedExternalId(secret, { external_id: "user-43", user_hash: hash }), null);
  });

  it("verifies nothing without a secret, an external_id or a well-formed hash", () => {
    assert.equal(verifiedExternalId(null, { external_id: "user-42", user_hash: hash }), null);
    assert.equal(verifiedExternalId("another secret", { external_id: "user-42", user_hash: hash }), null);
    assert.equal(verifiedExternalId(secret, { external_id: "user-42" }), null);
    assert.equal(verifiedExternalId(secret, { user_hash: hash }), null);
    assert.equal(verifiedExternalId(secret, { external_id: "user-42", user_hash: hash.slice(2) }), null);
    assert.equal(verifiedExternalId(secret, { external_id: "user-42", user_hash: `${hash.slice(2)}zz` }), null);
    assert.equal(verifiedExternalId(secret, undefined), null);
  });

  it("new secrets are long, prefixed and never repeat", () => {
    const a = newIdentitySecret();
    assert.match(a, /^sbid_[\w-]{43}$/);
    assert.notEqual(a, newIdentitySecret());
  });
});
