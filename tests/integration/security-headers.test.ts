import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { NON_PAGE_POLICY } from "../../lib/security/security-headers.server";
import { startTestServer, type TestServer } from "../support/test-server";
import { useTestStack } from "../support/test-stack";

const SHOP = "https://shop.example";

/** The headers every response carries, page or not. */
function assertCommonHeaders(res: Response, what: string) {
  assert.equal(res.headers.get("x-content-type-options"), "nosniff", what);
  assert.equal(res.headers.get("referrer-policy"), "strict-origin-when-cross-origin", what);
  assert.match(res.headers.get("permissions-policy") ?? "", /camera=\(\).*microphone=\(\).*geolocation=\(\)/, what);
}

function assertNonPageHeaders(res: Response, what: string) {
  assertCommonHeaders(res, what);
  assert.equal(res.headers.get("content-security-policy"), NON_PAGE_POLICY, what);
  assert.equal(res.headers.get("x-frame-options"), "DENY", what);
  assert.equal(res.headers.get("strict-transport-security"), null, `${what}: no HSTS over http`);
}

const frameAncestors = (res: Response) => /frame-ancestors ([^;]*)/.exec(res.headers.get("content-security-policy") ?? "")?.[1];

describe("security headers", () => {
  const stack = useTestStack();

  before(async () => {
    const acme = await stack.database.db.business.findUniqueOrThrow({ where: { slug: "acme" }, select: { settings: true } });
    await stack.database.db.business.update({
      where: { slug: "acme" },
      data: { settings: { ...(acme.settings as object), allowedOrigins: [SHOP, "http://localhost:8080"] } },
    });
  });

  it("JSON answers of the chat API (success, errors, preflight) and health endpoints get a strict CSP and no framing", async () => {
    const started = await fetch(`${stack.server.url}/api/v1/chat/init`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ business: "acme", message: "Hello" }),
    });
    assert.equal(started.status, 201);
    assertNonPageHeaders(started, "chat init");
    const { session_id: sessionId } = await started.json();
    for (const [what, res] of [
      ["unauthorized chat read", await fetch(`${stack.server.url}/api/v1/chat/${sessionId}`)],
      ["unknown chat endpoint", await fetch(`${stack.server.url}/api/v1/chat/${sessionId}/nope`)],
      ["preflight", await fetch(`${stack.server.url}/api/v1/chat/init`, { method: "OPTIONS" })],
      ["/health", await fetch(`${stack.server.url}/health`)],
      ["/health/detailed", await fetch(`${stack.server.url}/health/detailed`)],
      ["/health/metrics", await fetch(`${stack.server.url}/health/metrics`)],
      ["an API path the app answers", await fetch(`${stack.server.url}/api/v1/admin/assistant-settings`)],
      ["a static asset", await fetch(`${stack.server.url}/_next/static/chunks/app.js`)],
    ] as const) {
      assertNonPageHeaders(res, what);
      await res.arrayBuffer();
    }
  });

  it("pages get a script policy with a fresh nonce per request, no eval, and no framing", async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${stack.server.url}/dashboard`);
      await res.arrayBuffer();
      assertCommonHeaders(res, "/dashboard");
      const policy = res.headers.get("content-security-policy") ?? "";
      const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/]{22}==)' 'strict-dynamic'(;|$)/.exec(policy)?.[1];
      assert.ok(nonce, policy);
      nonces.add(nonce);
      assert.doesNotMatch(policy, /unsafe-eval/);
      for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "connect-src 'self'", "frame-ancestors 'none'"]) {
        assert.ok(policy.split("; ").includes(directive), `${directive} in ${policy}`);
      }
      assert.equal(res.headers.get("x-frame-options"), "DENY");
    }
    assert.equal(nonces.size, 3, "each request gets its own nonce");
  });

  it("/chat/<slug> may be framed by the app and that business's allowed origins only", async () => {
    const acme = await fetch(`${stack.server.url}/chat/acme`);
    assertCommonHeaders(acme, "/chat/acme");
    assert.equal(frameAncestors(acme), `'self' ${SHOP} http://localhost:8080`);
    assert.equal(acme.headers.get("x-frame-options"), null, "X-Frame-Options cannot name origins; it would forbid them all");
    assert.match(acme.headers.get("content-security-policy") ?? "", /'nonce-/);

    // Another business, an unknown one, and slugs no business can have: the app only.
    for (const path of ["/chat/globex", "/chat/no-such-business", "/chat/%00", "/chat/%E0%A4%A", `/chat/${"x".repeat(65)}`]) {
      const res = await fetch(`${stack.server.url}${path}`);
      await res.arrayBuffer();
      assert.ok(res.status < 500, path);
      assert.equal(frameAncestors(res), "'self'", path);
    }
    // Not the chat page itself.
    const nested = await fetch(`${stack.server.url}/chat/acme/more`);
    assert.equal(frameAncestors(nested), "'none'");
  });

  describe("served over https (NEXTAUTH_URL https://…)", () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(stack.database.db, {}, {}, { https: true });
    });
    after(() => server.close());

    it("pages and API answers tell browsers to keep to https (HSTS)", async () => {
      for (const path of ["/dashboard", "/chat/acme", "/api/v1/chat/init", "/health"]) {
        const res = await fetch(`${server.url}${path}`);
        await res.arrayBuffer();
        assert.equal(res.headers.get("strict-transport-security"), "max-age=31536000; includeSubDomains", path);
      }
    });
  });
});
