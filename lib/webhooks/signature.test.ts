import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { signWebhook, verifyWebhookSignature } from "./signature";

describe("webhook signatures", () => {
  const secret = "whsec_test";
  const body = JSON.stringify({ id: "e1", type: "conversation.created" });
  const sentAt = 1_800_000_000;

  it("verifies a body signed with the secret within the window", () => {
    assert.equal(verifyWebhookSignature(secret, body, signWebhook(secret, body, sentAt), { now: sentAt + 10 }), true);
  });

  it("refuses a tampered body", () => {
    assert.equal(verifyWebhookSignature(secret, body.replace("e1", "e2"), signWebhook(secret, body, sentAt), { now: sentAt }), false);
  });

  it("refuses another secret", () => {
    assert.equal(verifyWebhookSignature("whsec_other", body, signWebhook(secret, body, sentAt), { now: sentAt }), false);
  });

  it("refuses a signature older or newer than five minutes (a replay)", () => {
    const header = signWebhook(secret, body, sentAt);
    assert.equal(verifyWebhookSignature(secret, body, header, { now: sentAt + 300 }), true);
    assert.equal(verifyWebhookSignature(secret, body, header, { now: sentAt + 301 }), false);
    assert.equal(verifyWebhookSignature(secret, body, header, { now: sentAt - 301 }), false);
  });

  it("refuses a changed time with the original signature, and malformed headers", () => {
    const v1 = signWebhook(secret, body, sentAt).split(",")[1];
    assert.equal(verifyWebhookSignature(secret, body, `t=${sentAt + 1},${v1}`, { now: sentAt }), false);
    for (const header of [undefined, "", "t=abc,v1=00", `t=${sentAt}`, `v1=${"0".repeat(64)}`, `t=${sentAt},t=${sentAt},${v1}`]) {
      assert.equal(verifyWebhookSignature(secret, body, header, { now: sentAt }), false, String(header));
    }
  });

  it("accepts any one matching v1 value (a receiver rotating its secret)", () => {
    const header = `${signWebhook(secret, body, sentAt)},v1=${"a".repeat(64)}`;
    assert.equal(verifyWebhookSignature(secret, body, header, { now: sentAt }), true);
  });
});
