import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { businessAllowedOrigins, normalizeOrigin, originAllowed, parseOriginList } from "./origins";

describe("origins", () => {
  it("accepts only bare http(s) origins, canonicalised", () => {
    assert.equal(normalizeOrigin("https://Shop.Example:443"), "https://shop.example");
    assert.equal(normalizeOrigin("http://localhost:3000/"), "http://localhost:3000");
    for (const bad of ["https://shop.example/path", "https://u:p@shop.example", "javascript:alert(1)", "null", "shop.example", "https://shop.example?x=1"]) {
      assert.equal(normalizeOrigin(bad), null, bad);
    }
  });

  it("parses ALLOWED_ORIGINS and reports what is not an origin", () => {
    assert.deepEqual(parseOriginList("https://a.example, https://b.example  https://a.example"), { origins: ["https://a.example", "https://b.example"], invalid: [] });
    assert.deepEqual(parseOriginList("https://a.example/x").invalid, ["https://a.example/x"]);
  });

  it("allows the request's own host, listed origins, and nothing else (another port is another origin)", () => {
    assert.equal(originAllowed("http://localhost:3000", { host: "localhost:3000", allowed: [] }), true);
    assert.equal(originAllowed("http://localhost:3001", { host: "localhost:3000", allowed: [] }), false);
    assert.equal(originAllowed("https://evil.example", { host: "localhost:3000", allowed: ["https://app.example"] }), false);
    assert.equal(originAllowed("https://app.example", { host: "localhost:3000", allowed: ["https://app.example"] }), true);
    assert.equal(originAllowed("null", { host: "localhost:3000", allowed: [] }), false);
  });

  it("reads a business's origins from its settings, ignoring anything malformed", () => {
    assert.deepEqual(businessAllowedOrigins({ allowedOrigins: ["https://shop.example", "https://x.example/path", 3] }), ["https://shop.example"]);
    assert.deepEqual(businessAllowedOrigins({}), []);
  });
});
