import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createLinkSigner, LINK_TTL_SECONDS } from "./signed-links.server";

const SECRET = "a-test-secret-that-is-long-enough-for-links";
const NOW = new Date("2026-11-30T12:00:30.000Z");
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

describe("signed links", () => {
  const signer = createLinkSigner(SECRET, "attachment downloads");
  const { expires, signature } = signer.sign("file-1", NOW);

  it("are valid for their subject for at least the TTL and at most the TTL plus a step, and the same within a step", () => {
    assert.ok(expires - NOW.getTime() / 1000 >= LINK_TTL_SECONDS);
    assert.ok(expires - NOW.getTime() / 1000 <= LINK_TTL_SECONDS + 300);
    assert.equal(signer.verify("file-1", String(expires), signature, later(LINK_TTL_SECONDS - 1)), true);
    assert.deepEqual(signer.sign("file-1", later(1)), { expires, signature }, "a moment later: the same URL");
  });

  it("refuse an expired link, another subject, a changed expiry, a tampered or missing signature", () => {
    assert.equal(signer.verify("file-1", String(expires), signature, new Date(expires * 1000)), false, "expired");
    assert.equal(signer.verify("file-2", String(expires), signature, NOW), false, "another file");
    assert.equal(signer.verify("file-1", String(expires + 3600), signature, NOW), false, "expiry pushed out");
    assert.equal(signer.verify("file-1", String(expires), `${signature.slice(0, -1)}${signature.endsWith("A") ? "B" : "A"}`, NOW), false, "tampered");
    assert.equal(signer.verify("file-1", String(expires), null, NOW), false);
    assert.equal(signer.verify("file-1", null, signature, NOW), false);
    assert.equal(signer.verify("file-1", "1e20", signature, NOW), false, "not a number of seconds");
  });

  it("are bound to the secret and the purpose", () => {
    assert.equal(createLinkSigner("another-secret-that-is-long-enough-too", "attachment downloads").verify("file-1", String(expires), signature, NOW), false);
    assert.equal(createLinkSigner(SECRET, "something else").verify("file-1", String(expires), signature, NOW), false);
  });
});
