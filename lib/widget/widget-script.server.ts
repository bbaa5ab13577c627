import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/** The loader must stay small: every page of every business's site downloads it (issue 17). */
export const WIDGET_GZIP_BUDGET_BYTES = 30 * 1024;

const LOADER_ENTRY = fileURLToPath(new URL("./loader.ts", import.meta.url));
/** Sites pick up a new loader within this long; the ETag makes a revalidation cheap. */
const CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=86400";

export interface WidgetScript {
  body: Buffer;
  gzip: Buffer;
  etag: string;
}

/**
 * lib/widget/loader.ts and what it imports as one ES2017 script, minified. esbuild is what tsx
 * runs the server with, so the bundle is made where it is served: no build artefact to go stale.
 */
export async function buildWidgetScript(): Promise<WidgetScript> {
  const result = await build({ entryPoints: [LOADER_ENTRY], bundle: true, minify: true, format: "iife", target: "es2017", platform: "browser", write: false, legalComments: "none" });
  const body = Buffer.from(result.outputFiles[0].contents);
  return { body, gzip: gzipSync(body, { level: 9 }), etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"` };
}

/** GET|HEAD /widget.js from this server (bundled on first request, then kept); false for other paths. */
export function createWidgetScriptHandler() {
  let script: Promise<WidgetScript> | undefined;
  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> => {
    if (pathname !== "/widget.js") return false;
    const method = (req.method ?? "GET").toUpperCase();
    if (method !== "GET" && method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD", "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "method_not_allowed", message: "GET /widget.js" } }));
      return true;
    }
    // A failed bundle is not kept: the next request tries again.
    script ??= buildWidgetScript().catch((error: unknown) => {
      script = undefined;
      throw error;
    });
    const { body, gzip, etag } = await script;
    const headers = { "content-type": "text/javascript; charset=utf-8", "cache-control": CACHE_CONTROL, etag, vary: "Accept-Encoding" };
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, headers);
      res.end();
      return true;
    }
    const gzipped = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    const sent = gzipped ? gzip : body;
    res.writeHead(200, { ...headers, ...(gzipped ? { "content-encoding": "gzip" } : {}), "content-length": String(sent.length) });
    res.end(method === "HEAD" ? undefined : sent);
    return true;
  };
}
