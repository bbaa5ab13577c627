import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { crossSiteRefusal } from "./staff-request-guard.server";

const ARTICLES = "/api/v1/admin/knowledge/articles";
const own = { host: "localhost:3000" };
const code = (facts: Parameters<typeof crossSiteRefusal>[0], allowed: string[] = []) => crossSiteRefusal(facts, allowed)?.code ?? null;

describe("crossSiteRefusal", () => {
  it("refuses a staff write from another site, or another port of the same host (text/plain, as a no-cors form would send)", () => {
    assert.equal(code({ method: "POST", pathname: ARTICLES, ...own, origin: "https://evil.example", contentType: "text/plain" }), "forbidden");
    assert.equal(code({ method: "POST", pathname: ARTICLES, ...own, origin: "http://localhost:3001", contentType: "application/json" }), "forbidden");
    assert.equal(code({ method: "POST", pathname: ARTICLES, ...own, secFetchSite: "same-site", contentType: "application/json" }), "forbidden");
    assert.equal(code({ method: "POST", pathname: "/api/auth/signout", ...own, origin: "https://evil.example" }), "forbidden");
  });

  it("accepts the app's own pages, ALLOWED_ORIGINS and non-browser clients", () => {
    assert.equal(code({ method: "POST", pathname: ARTICLES, ...own, origin: "http://localhost:3000", contentType: "application/json" }), null);
    assert.equal(code({ method: "PATCH", pathname: ARTICLES, ...own, origin: "https://admin.example", contentType: "application/json; charset=utf-8" }, ["https://admin.example"]), null);
    assert.equal(code({ method: "POST", pathname: ARTICLES, ...own, contentType: "application/json" }), null);
    assert.equal(code({ method: "POST", pathname: "/api/auth/callback/credentials", ...own, origin: "http://localhost:3000", contentType: "application/x-www-form-urlencoded" }), null);
  });

  it("takes only JSON on the JSON API, so a cross-site form cannot post there even without Origin", () => {
    assert.equal(code({ method: "POST", pathname: ARTICLES, ...own, contentType: "text/plain" }), "unsupported_media_type");
    assert.equal(code({ method: "PUT", pathname: "/api/v1/admin/assistant-settings", ...own, contentType: "application/x-www-form-urlencoded" }), "unsupported_media_type");
    assert.equal(code({ method: "DELETE", pathname: `${ARTICLES}/x`, ...own }), null);
  });

  it("takes a file's bytes (application/octet-stream) on the attachment upload route, and nothing a cross-site form could send", () => {
    const upload = "/api/v1/admin/sessions/4f0c0a37-94a4-4b33-9f7a-3f1f3f1f3f1f/attachments";
    assert.equal(code({ method: "POST", pathname: upload, ...own, origin: "http://localhost:3000", contentType: "application/octet-stream" }), null);
    assert.equal(code({ method: "POST", pathname: upload, ...own, contentType: "multipart/form-data; boundary=x" }), "unsupported_media_type");
    assert.equal(code({ method: "POST", pathname: upload, ...own, contentType: "text/plain" }), "unsupported_media_type");
    assert.equal(code({ method: "POST", pathname: upload, ...own, origin: "https://evil.example", contentType: "application/octet-stream" }), "forbidden");
    assert.equal(code({ method: "POST", pathname: ARTICLES, ...own, contentType: "application/octet-stream" }), "unsupported_media_type");

    const replyFile = "/api/v1/admin/saved-replies/4f0c0a37-94a4-4b33-9f7a-3f1f3f1f3f1f/attachment";
    assert.equal(code({ method: "PUT", pathname: replyFile, ...own, origin: "http://localhost:3000", contentType: "application/octet-stream" }), null);
    assert.equal(code({ method: "PUT", pathname: replyFile, ...own, contentType: "multipart/form-data; boundary=x" }), "unsupported_media_type");
    assert.equal(code({ method: "PUT", pathname: replyFile, ...own, origin: "https://evil.example", contentType: "application/octet-stream" }), "forbidden");
    assert.equal(code({ method: "DELETE", pathname: replyFile, ...own, origin: "http://localhost:3000" }), null, "a removal has no body");
    assert.equal(code({ method: "DELETE", pathname: replyFile, ...own, origin: "https://evil.example" }), "forbidden");
    assert.equal(code({ method: "PATCH", pathname: "/api/v1/admin/saved-replies/4f0c0a37-94a4-4b33-9f7a-3f1f3f1f3f1f", ...own, contentType: "application/octet-stream" }), "unsupported_media_type");
  });

  it("leaves reads, the customer chat API and Socket.IO to their own rules", () => {
    assert.equal(code({ method: "GET", pathname: ARTICLES, ...own, origin: "https://evil.example" }), null);
    assert.equal(code({ method: "POST", pathname: "/api/v1/chat/init", ...own, origin: "https://shop.example", contentType: "text/plain" }), null);
    assert.equal(code({ method: "POST", pathname: "/socket.io/", ...own, origin: "https://evil.example" }), null);
  });
});
