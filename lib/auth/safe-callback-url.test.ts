import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { safeCallbackUrl } from "./safe-callback-url";

describe("safeCallbackUrl", () => {
  it("keeps same-site paths", () => assert.equal(safeCallbackUrl("/agent?x=1"), "/agent?x=1"));
  it("refuses off-site targets", () => {
    for (const target of ["https://evil.test/", "//evil.test", "/\\evil.test", "javascript:alert(1)", undefined, ""]) {
      assert.equal(safeCallbackUrl(target), "/dashboard");
    }
  });
});
