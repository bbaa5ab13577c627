import type { IncomingMessage } from "node:http";

/**
 * The custom server writes the client's address into this request header for the handlers behind
 * it (Next's route handlers cannot see the socket). Any value a client sends is overwritten.
 */
export const CLIENT_ADDRESS_HEADER = "x-switchboard-client-address";

/** The client's address: the socket's, or behind a trusted reverse proxy the first X-Forwarded-For entry. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy
    ? String(req.headers["x-forwarded-for"] ?? "")
        .split(",")[0]
        .trim()
    : "";
  return forwarded || req.socket.remoteAddress || "unknown";
}
