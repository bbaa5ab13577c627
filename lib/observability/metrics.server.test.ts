import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { methodLabel, routeGroup } from "./metrics.server";

describe("routeGroup", () => {
  it("names API routes by their pattern, ids folded out", () => {
    assert.equal(routeGroup("/api/v1/chat/3f2b1c9e-8a7d-4e5f-9b0a-1c2d3e4f5a6b/task"), "/api/v1/chat/:id/task");
    assert.equal(routeGroup("/api/v1/chat/init"), "/api/v1/chat/init");
    assert.equal(routeGroup("/api/v1/admin/chat-dashboard/overview"), "/api/v1/admin/chat-dashboard/:widget");
    assert.equal(routeGroup("/api/v1/admin/knowledge/articles/abc/"), "/api/v1/admin/knowledge/articles/:id");
    assert.equal(routeGroup("/api/auth/callback/credentials"), "/api/auth");
    assert.equal(routeGroup("/health/metrics"), "/health/metrics");
  });
  it("groups pages and static assets", () => {
    assert.equal(routeGroup("/dashboard"), "page");
    assert.equal(routeGroup("/chat/anything-at-all"), "page");
    assert.equal(routeGroup("/_next/static/chunks/x.js"), "/_next");
  });
  it("labels unknown API and health paths `other`, never by their path", () => {
    for (const path of ["/api", "/api/nope", "/api/v1/chat/x/y/z", "/api/v1/chat/x/delete", "/healthz", "/health/x", "/health/metrics/x"]) {
      assert.equal(routeGroup(path), "other", path);
    }
  });
});

describe("methodLabel", () => {
  it("keeps the usual methods and folds the rest into OTHER", () => {
    assert.equal(methodLabel("GET"), "GET");
    assert.equal(methodLabel("PATCH"), "PATCH");
    assert.equal(methodLabel("PROPFIND"), "OTHER");
    assert.equal(methodLabel(undefined), "OTHER");
  });
});
