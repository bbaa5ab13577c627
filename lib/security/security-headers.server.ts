import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { describeError, type Logger } from "../observability/logger";
import type { BusinessOriginsCache } from "./business-origins.server";

export interface SecurityHeadersOptions {
  /** The app is served over https (NEXTAUTH_URL): browsers are told to keep to it (HSTS). */
  https: boolean;
  /** Next's dev server evaluates code (React's debug call stacks): 'unsafe-eval' in development only. */
  dev: boolean;
  /** Besides the app itself, a business's allowed origins may frame its customer chat. */
  businessOrigins: Pick<BusinessOriginsCache, "bySlug">;
  logger: Logger;
}

/** Where the headers go: a ServerResponse (anything with setHeader). */
export interface HeaderSink {
  setHeader(name: string, value: string): unknown;
}

/** JSON, health and static responses: nothing in them may load, run or be framed. */
export const NON_PAGE_POLICY = "default-src 'none'; frame-ancestors 'none'";

const CHAT_PAGE = /^\/chat\/([^/]+)\/?$/;
const SLUG_MAX_LENGTH = 64;

function isPage(pathname: string): boolean {
  return !pathname.startsWith("/api/") && pathname !== "/api" && !pathname.startsWith("/health") && !pathname.startsWith("/_next/");
}

/** The policy of a page rendered by Next: its scripts run only with this request's nonce. */
function pagePolicy(options: { nonce: string; frameAncestors: string; dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    // React and recharts set style attributes; a nonce here would make browsers ignore 'unsafe-inline'.
    "style-src 'self' 'unsafe-inline'",
    // A business's logo (customer chat page, settings preview) is an https URL anywhere.
    "img-src 'self' data: blob: https:",
    "font-src 'self'",
    // Socket.IO's websocket is same-origin.
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${options.frameAncestors}`,
  ].join("; ");
}

/** The slug of a chat page's path segment, or null when no business could have it. */
function decodeSlug(segment: string): string | null {
  try {
    const slug = decodeURIComponent(segment);
    // Only names a slug could have reach the database (a NUL byte would make the query fail).
    return slug.length <= SLUG_MAX_LENGTH && !/[\u0000-\u001f\u007f]/.test(slug) ? slug : null;
  } catch {
    return null;
  }
}

/**
 * Sets the security headers of every response before anything answers it. Pages get a fresh
 * nonce, also put on the request's `content-security-policy` header: Next reads it from there
 * and adds it to its own scripts. Only `/chat/<slug>` (embedded by businesses) may be framed,
 * by the app itself and the business's allowed origins.
 */
export function createSecurityHeaders(options: SecurityHeadersOptions) {
  async function frameAncestors(pathname: string): Promise<string> {
    const match = CHAT_PAGE.exec(pathname);
    if (!match) return "'none'";
    const slug = decodeSlug(match[1]);
    try {
      const business = slug === null ? null : await options.businessOrigins.bySlug(slug);
      return ["'self'", ...(business?.origins ?? [])].join(" ");
    } catch (error) {
      options.logger.warn("chat frame origins unavailable", { error: describeError(error) });
      return "'self'";
    }
  }

  return async (req: Pick<IncomingMessage, "headers">, res: HeaderSink, pathname: string): Promise<void> => {
    res.setHeader("x-content-type-options", "nosniff");
    res.setHeader("referrer-policy", "strict-origin-when-cross-origin");
    res.setHeader("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
    if (options.https) res.setHeader("strict-transport-security", "max-age=31536000; includeSubDomains");
    if (!isPage(pathname)) {
      res.setHeader("x-frame-options", "DENY");
      res.setHeader("content-security-policy", NON_PAGE_POLICY);
      return;
    }
    const ancestors = await frameAncestors(pathname);
    // X-Frame-Options cannot name a list of origins: the chat page relies on frame-ancestors alone.
    if (ancestors === "'none'") res.setHeader("x-frame-options", "DENY");
    const policy = pagePolicy({ nonce: randomBytes(16).toString("base64"), frameAncestors: ancestors, dev: options.dev });
    req.headers["content-security-policy"] = policy;
    res.setHeader("content-security-policy", policy);
  };
}

export type SecurityHeaders = ReturnType<typeof createSecurityHeaders>;
