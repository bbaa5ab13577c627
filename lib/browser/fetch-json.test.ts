import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { AppError } from "../errors/app-error";
import { adminApiUrl, ApiError, fetchJson } from "./fetch-json";

const realFetch = globalThis.fetch;
let calls: { url: string; init: RequestInit }[] = [];

function answer(respond: () => Response | Promise<Response>) {
  calls = [];
  globalThis.fetch = async (url, init) => {
    calls.push({ url: String(url), init: init ?? {} });
    return respond();
  };
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => assert.fail("expected the call to fail"),
    (thrown: unknown) => thrown,
  );
  assert.ok(error instanceof ApiError);
  return error;
}

afterEach(() => {
  globalThis.fetch = realFetch;
});

describe("fetchJson", () => {
  it("sends the body as JSON with the bearer token and returns the parsed answer", async () => {
    answer(() => Response.json({ session_id: "s1" }, { status: 201 }));
    const result = await fetchJson<{ session_id: string }>("/api/v1/chat/init", { method: "POST", body: { business: "acme" }, token: "t0k" });
    assert.deepEqual(result, { session_id: "s1" });
    const [{ url, init }] = calls;
    assert.equal(url, "/api/v1/chat/init");
    assert.equal(init.method, "POST");
    assert.equal(init.body, JSON.stringify({ business: "acme" }));
    assert.deepEqual(init.headers, { authorization: "Bearer t0k", "content-type": "application/json" });
    assert.equal(init.cache, "no-store");
  });

  it("sends a GET without a body or extra headers", async () => {
    answer(() => Response.json({ ok: true }));
    await fetchJson("/api/v1/admin/knowledge/articles");
    assert.equal(calls[0].init.method, "GET");
    assert.equal(calls[0].init.body, undefined);
    assert.deepEqual(calls[0].init.headers, {});
  });

  it("throws the API's error body with its HTTP status, as an AppError", async () => {
    answer(() => Response.json({ error: { code: "validation_error", message: "Check the fields.", fields: { title: ["title is required"] } } }, { status: 400 }));
    const error = await failure(fetchJson("/api/v1/admin/knowledge/articles", { method: "POST", body: {} }));
    assert.ok(error instanceof AppError, "forms handle it like a local validation error");
    assert.equal(error.status, 400);
    assert.equal(error.code, "validation_error");
    assert.equal(error.message, "Check the fields.");
    assert.deepEqual(error.details.fields, { title: ["title is required"] });
  });

  it("carries retry_after_seconds of a rate-limited answer", async () => {
    answer(() => Response.json({ error: { code: "rate_limited", message: "Slow down.", retry_after_seconds: 12 } }, { status: 429 }));
    const error = await failure(fetchJson("/api/v1/chat/init", { method: "POST", body: {} }));
    assert.equal(error.status, 429);
    assert.equal(error.details.retryAfterSeconds, 12);
    assert.deepEqual(error.toBody(), { code: "rate_limited", message: "Slow down.", retry_after_seconds: 12 });
  });

  it("keeps the HTTP status of an answer that is not the API's (no JSON error body)", async () => {
    answer(() => new Response("<html>Bad gateway</html>", { status: 502 }));
    const error = await failure(fetchJson("/api/v1/chat/s1"));
    assert.equal(error.status, 502);
    assert.equal(error.code, "internal_error");
    assert.equal(error.message, "The request failed (502).");
  });

  it("turns an unreachable server into status 0, unavailable", async () => {
    answer(() => Promise.reject(new TypeError("Failed to fetch")));
    const error = await failure(fetchJson("/api/v1/chat/s1"));
    assert.equal(error.status, 0);
    assert.equal(error.code, "unavailable");
    assert.match(error.message, /Could not reach the server/);
  });
});

describe("adminApiUrl", () => {
  it("scopes a staff API path to one business", () => {
    assert.equal(adminApiUrl("knowledge/articles", "a b&c"), "/api/v1/admin/knowledge/articles?company_id=a%20b%26c");
  });
});
