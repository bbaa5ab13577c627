import assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import { describe, it } from "node:test";
import { createLogger } from "../observability/logger";
import { createSecurityHeaders, type SecurityHeadersOptions } from "./security-headers.server";

/** Runs the headers of `pathname` on a stand-in request and response; returns what each received. */
async function headersFor(pathname: string, options: Partial<SecurityHeadersOptions> = {}) {
  const response = new Map<string, string>();
  const req: Pick<IncomingMessage, "headers"> = { headers: {} };
  const res = { setHeader: (name: string, value: string) => response.set(name, value) };
  const securityHeaders = createSecurityHeaders({
    https: false,
    dev: false,
    businessOrigins: { bySlug: async () => null },
    logger: createLogger("error"),
    ...options,
  });
  await securityHeaders(req, res, pathname);
  return { request: req.headers, response };
}

describe("security headers", () => {
  it("hands the page's policy, nonce included, to Next on the request", async () => {
    const { request, response } = await headersFor("/dashboard");
    assert.match(response.get("content-security-policy") ?? "", /'nonce-[^']+'/);
    assert.equal(request["content-security-policy"], response.get("content-security-policy"));
  });

  it("loads images from the app and https only (a business's logo lives anywhere)", async () => {
    assert.match((await headersFor("/chat/acme")).response.get("content-security-policy")!, /img-src 'self' data: blob: https:;/);
  });

  it("allows eval only to Next's dev server", async () => {
    assert.doesNotMatch((await headersFor("/login")).response.get("content-security-policy")!, /unsafe-eval/);
    assert.match((await headersFor("/login", { dev: true })).response.get("content-security-policy")!, /script-src [^;]*'unsafe-eval'/);
  });

  it("lets only the app frame the chat page when its business's origins cannot be read", async () => {
    const { response } = await headersFor("/chat/acme", { businessOrigins: { bySlug: () => Promise.reject(new Error("database down")) } });
    assert.match(response.get("content-security-policy") ?? "", /frame-ancestors 'self'$/);
  });
});
