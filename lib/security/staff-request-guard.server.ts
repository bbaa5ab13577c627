import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "../errors/app-error";
import { CLIENT_ADDRESS_HEADER, clientAddress } from "../http/client-address";
import { originAllowed } from "../contract/origins";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** The customer chat API has its own per-business origin rules; Socket.IO checks origins per namespace. */
const OWN_ORIGIN_RULES = ["/api/v1/chat/", "/socket.io/"];
const JSON_BODY_PREFIX = "/api/v1/";
/** File uploads (a message's file, a saved reply's) take the file's bytes as application/octet-stream: like JSON, no cross-site form can send that. */
const FILE_UPLOAD_PATH = /^\/api\/v1\/admin\/(?:sessions\/[^/]+\/attachments|saved-replies\/[^/]+\/attachment)\/?$/;

interface RequestFacts {
  method: string;
  pathname: string;
  host?: string;
  origin?: string;
  secFetchSite?: string;
  contentType?: string;
}

/**
 * Why a state-changing request must be refused, or null. Staff requests carry the session cookie,
 * so a page on another origin (another port of the same host included) must not be able to send
 * them: browsers always name the page's origin on such requests (`Origin`, or `Sec-Fetch-Site`).
 * Clients that send neither are not browsers, and cannot borrow anyone's cookie.
 */
export function crossSiteRefusal(request: RequestFacts, staffOrigins: readonly string[]): AppError | null {
  if (SAFE_METHODS.has(request.method) || OWN_ORIGIN_RULES.some((prefix) => request.pathname.startsWith(prefix))) return null;
  if (request.origin !== undefined) {
    if (!originAllowed(request.origin, { host: request.host, allowed: staffOrigins })) return new AppError("forbidden", "Requests from other sites are not accepted.");
  } else if (request.secFetchSite && request.secFetchSite !== "same-origin" && request.secFetchSite !== "none") {
    return new AppError("forbidden", "Requests from other sites are not accepted.");
  }
  // A JSON API takes JSON only: form and text/plain bodies are what cross-site forms can send without asking.
  if (FILE_UPLOAD_PATH.test(request.pathname) && request.method !== "DELETE") {
    if (!/^application\/octet-stream\s*(;|$)/i.test(request.contentType ?? "")) return new AppError("unsupported_media_type", "Send the file's bytes as application/octet-stream.");
  } else if (request.pathname.startsWith(JSON_BODY_PREFIX) && request.method !== "DELETE" && !/^application\/json\s*(;|$)/i.test(request.contentType ?? "")) {
    return new AppError("unsupported_media_type", "Send the body as application/json.");
  }
  return null;
}

const header = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * First in front of every handler: tells the handlers behind it the client's address (Next's
 * route handlers cannot see the socket), and refuses cross-site state changes to staff routes.
 */
export function createStaffRequestGuard(options: { staffOrigins: readonly string[]; trustProxy: boolean }) {
  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> => {
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req, options.trustProxy);
    const refusal = crossSiteRefusal(
      {
        method: (req.method ?? "GET").toUpperCase(),
        pathname,
        host: header(req, "host"),
        origin: header(req, "origin"),
        secFetchSite: header(req, "sec-fetch-site"),
        contentType: header(req, "content-type"),
      },
      options.staffOrigins,
    );
    if (!refusal) return false;
    res.writeHead(refusal.status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
    res.end(JSON.stringify({ error: refusal.toBody() }));
    return true;
  };
}
