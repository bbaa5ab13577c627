import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { RefusedAddressError, resolveWebhookTarget } from "./address-guard.server";

/** How much of a receiver's answer is kept in the delivery log. */
export const RESPONSE_EXCERPT_BYTES = 1024;

export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  allowPrivate: boolean;
}

export interface AttemptOutcome {
  /** A 2xx answer. */
  ok: boolean;
  statusCode: number | null;
  response: string | null;
  latencyMs: number;
  /** Why it failed without an answer (or with a non-2xx one). */
  error: string | null;
  /** Bounded, for the metrics: success, http_error, timeout, refused_address, network_error. */
  outcome: "success" | "http_error" | "timeout" | "refused_address" | "network_error";
}

class AttemptTimeout extends Error {}

/**
 * One POST to a webhook URL: the address checked and pinned (address-guard), no redirects
 * followed (a 3xx is a failure), the whole attempt bounded by `timeoutMs`. Never throws.
 */
export async function sendWebhook(request: WebhookRequest): Promise<AttemptOutcome> {
  const startedAt = performance.now();
  const latency = () => Math.round(performance.now() - startedAt);
  const timedOut = () => new AttemptTimeout(`no answer within ${request.timeoutMs} ms`);
  let lookupTimer: NodeJS.Timeout | undefined;
  try {
    // The name lookup counts against the attempt's time too (a resolver can hang for long).
    const target = await Promise.race([
      resolveWebhookTarget(request.url, request.allowPrivate),
      new Promise<never>((_, reject) => (lookupTimer = setTimeout(() => reject(timedOut()), request.timeoutMs))),
    ]).finally(() => clearTimeout(lookupTimer));
    // Connect to the address just checked: a second DNS answer (rebinding) is never used.
    const pinned: LookupFunction = (_hostname, options, callback) => {
      if (options.all) callback(null, [{ address: target.address, family: target.family }]);
      else callback(null, target.address, target.family);
    };
    const client = target.url.protocol === "https:" ? https : http;
    const { statusCode, excerpt } = await new Promise<{ statusCode: number; excerpt: string }>((resolve, reject) => {
      const remaining = Math.max(1, request.timeoutMs - latency());
      const req = client.request(target.url, { method: "POST", headers: { ...request.headers, "content-length": Buffer.byteLength(request.body) }, lookup: pinned, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => {
          clearTimeout(timer);
          resolve({ statusCode: res.statusCode ?? 0, excerpt: Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString("utf8") });
          res.destroy();
        };
        res.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          // The excerpt is all that is kept: the rest of a long answer is not waited for.
          if (size >= RESPONSE_EXCERPT_BYTES) finish();
        });
        res.on("end", finish);
        res.on("error", reject);
      });
      const timer = setTimeout(() => req.destroy(timedOut()), remaining);
      req.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      req.end(request.body);
    });
    const ok = statusCode >= 200 && statusCode < 300;
    return { ok, statusCode, response: excerpt, latencyMs: latency(), error: ok ? null : `HTTP ${statusCode}`, outcome: ok ? "success" : "http_error" };
  } catch (error) {
    const outcome = error instanceof AttemptTimeout ? "timeout" : error instanceof RefusedAddressError ? "refused_address" : "network_error";
    const message = error instanceof Error ? [(error as NodeJS.ErrnoException).code, error.message].filter(Boolean).join(": ") : String(error);
    return { ok: false, statusCode: null, response: null, latencyMs: latency(), error: message.slice(0, 500), outcome };
  }
}
