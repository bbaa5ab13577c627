import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { safeCallbackUrl } from "./safe-callback-url";

describe("safeCallbackUrl", () => {
  it("keeps same-site paths", () => {
    assert.equal(safeCallbackUrl("/agent?x=1"), "/agent?x=1");
    assert.equal(safeCallbackUrl("/knowledge?company_id=abc#top"), "/knowledge?company_id=abc#top");
  });

  it("refuses off-site targets", () => {
    for (const target of ["https://evil.test/", "//evil.test", "/\\evil.test", "javascript:alert(1)", undefined, ""]) {
      assert.equal(safeCallbackUrl(target), "/dashboard");
    }
  });

  it("refuses targets a browser would turn into another host (tab, newline, backslash, spaces)", () => {
    for (const target of ["/\t/evil.example/", "/\n/evil.example", "/\r\n/evil.example", "/ /evil.example", "/\\/evil.example", "/%09/evil.example/".replace("%09", "\t"), "/\u0000/evil"]) {
      assert.equal(safeCallbackUrl(target), "/dashboard", JSON.stringify(target));
    }
  });

  it("keeps an encoded tab as data: it cannot change the host", () => {
    // What arrives after Next decodes `?callbackUrl=/%2509/x` is `/%09/x`: a literal path segment.
    assert.equal(safeCallbackUrl("/%09/evil.example/"), "/%09/evil.example/");
  });
});
