import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { routeGroup } from "./metrics.server";

describe("routeGroup", () => {
  it("folds ids out of API paths so label cardinality stays bounded", () => {
    assert.equal(routeGroup("/api/v1/chat/3f2b1c9e-8a7d-4e5f-9b0a-1c2d3e4f5a6b/task"), "/api/v1/chat/:id/task");
  });
  it("groups pages and static assets", () => {
    assert.equal(routeGroup("/dashboard"), "page");
    assert.equal(routeGroup("/_next/static/chunks/x.js"), "/_next");
    assert.equal(routeGroup("/health/metrics"), "/health/metrics");
  });
});
