import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { embedUrl, isWidgetMessage, readIdentity, WIDGET_MESSAGE_SOURCE } from "./embed-protocol";

describe("widget embed protocol", () => {
  it("recognises only its own messages", () => {
    assert.equal(isWidgetMessage({ source: WIDGET_MESSAGE_SOURCE, type: "ready" }), true);
    assert.equal(isWidgetMessage({ source: "other", type: "ready" }), false);
    assert.equal(isWidgetMessage({ source: WIDGET_MESSAGE_SOURCE }), false);
    assert.equal(isWidgetMessage("ready"), false);
    assert.equal(isWidgetMessage(null), false);
  });

  it("reads an identity field by field, dropping empty or foreign fields", () => {
    assert.deepEqual(readIdentity({ external_id: "u-1", user_hash: "ab", name: "Dana", email: "", extra: 1 }), { external_id: "u-1", user_hash: "ab", name: "Dana" });
    assert.equal(readIdentity({ external_id: "u-1" }), null);
    assert.equal(readIdentity({ external_id: 5, user_hash: "ab" }), null);
    assert.equal(readIdentity({ external_id: "", user_hash: "ab" }), null);
    assert.equal(readIdentity(undefined), null);
  });

  it("frames the chat page in embed mode with the host page's origin", () => {
    assert.equal(embedUrl("https://app.example", "acme shop", "https://shop.example:8443"), "https://app.example/chat/acme%20shop?embed=1&host_origin=https%3A%2F%2Fshop.example%3A8443");
  });
});
