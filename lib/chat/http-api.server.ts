import type { IncomingMessage, ServerResponse } from "node:http";
import { readJson } from "../http/json-body.server";
import { AppError, toAppError } from "../errors/app-error";
import { parseInput } from "../errors/parse-input";
import type { PrismaClient } from "../db/prisma-client.server";
import type { Logger } from "../observability/logger";
import { BODY_MAX_BYTES, chatInitBody, chatRatingBody, chatTaskBody, type ChatInitResponse, type ChatTaskResponse } from "./contract";
import { authenticateCustomer, loadCustomerView, type CustomerSessionRef } from "./customer-chat.server";
import { messageLimitKey, type ChatRateLimits } from "./rate-limits.server";
import type { LiveChat } from "./live-chat.server";
import { bearerToken, hashSessionToken } from "./session-token.server";

export interface ChatApiDependencies {
  db: PrismaClient;
  liveChat: LiveChat;
  limits: ChatRateLimits;
  logger: Logger;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  trustProxy: boolean;
}

const PREFIX = "/api/v1/chat/";
const SESSION_PATH = /^\/api\/v1\/chat\/([^/]+)(?:\/(task|rating))?\/?$/;

// Called from the customer's own site too (embedded widgets): bearer tokens, no cookies, so any origin may call.
const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, DELETE, OPTIONS",
  "access-control-allow-headers": "authorization, content-type",
  "access-control-max-age": "600",
};

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { ...CORS_HEADERS, "cache-control": "no-store", ...(body === undefined ? {} : { "content-type": "application/json; charset=utf-8" }), ...headers });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

function sendError(res: ServerResponse, error: unknown, logger: Logger) {
  const appError = toAppError(error);
  if (appError.code === "internal_error") logger.error("chat api failed", { error: error instanceof Error ? error.stack : String(error) });
  const headers: Record<string, string> = {};
  if (appError.details.retryAfterSeconds !== undefined) headers["retry-after"] = String(appError.details.retryAfterSeconds);
  // The rest of an oversized body is not read: end the connection rather than parse it as the next request.
  if (appError.code === "payload_too_large") headers.connection = "close";
  send(res, appError.status, { error: appError.toBody() }, headers);
}

/** The JSON body, refused with 413 past BODY_MAX_BYTES (without reading the rest) and 400 when not JSON. */
const readChatBody = (req: IncomingMessage) => readJson(req, Number(req.headers["content-length"] ?? 0), BODY_MAX_BYTES);

function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? String(req.headers["x-forwarded-for"] ?? "").split(",")[0].trim() : "";
  return forwarded || req.socket.remoteAddress || "unknown";
}

/**
 * The customer chat API of DESIGN §5 (served by the custom server in front of Next: it pushes
 * through Socket.IO and rate-limits by socket address; docs/decisions/005). Returns false for
 * paths outside /api/v1/chat/.
 */
export function createChatApiHandler(deps: ChatApiDependencies) {
  const { db, liveChat, limits, logger } = deps;

  function requireToken(req: IncomingMessage): string {
    const token = bearerToken(req.headers.authorization);
    if (!token) throw new AppError("unauthorized", "Send the chat's session token as `Authorization: Bearer <token>`.");
    return token;
  }

  const customer = (req: IncomingMessage, sessionId: string): Promise<CustomerSessionRef> => authenticateCustomer(db, requireToken(req), sessionId);

  async function route(req: IncomingMessage, res: ServerResponse, pathname: string, method: string) {
    if (pathname === "/api/v1/chat/init" || pathname === "/api/v1/chat/init/") {
      if (method !== "POST") throw new AppError("validation_error", "Use POST to start a chat.");
      limits.chatStarts.take(clientAddress(req, deps.trustProxy));
      const input = parseInput(chatInitBody, await readChatBody(req));
      const started = await liveChat.startChat(input);
      const body: ChatInitResponse = { session_id: started.sessionId, session_token: started.token, status: started.status };
      return send(res, 201, body);
    }
    const match = SESSION_PATH.exec(pathname);
    if (!match) throw new AppError("not_found", "No such chat endpoint.");
    const [, sessionId, action] = match;
    if (!action && method === "GET") return send(res, 200, await loadCustomerView(db, await customer(req, sessionId)));
    if (!action && method === "DELETE") {
      const ref = await customer(req, sessionId);
      const change = await liveChat.endChat(ref);
      const view = change ? { session_id: ref.sessionId, status: change.session.status } : await loadCustomerView(db, ref).then((v) => ({ session_id: v.session_id, status: v.status }));
      return send(res, 200, view);
    }
    if (action === "task" && method === "POST") {
      // The hot path: the token is checked inside the one statement that stores the message.
      const tokenHash = hashSessionToken(requireToken(req));
      const input = parseInput(chatTaskBody, await readChatBody(req));
      limits.messages.take(messageLimitKey(sessionId, tokenHash));
      const { message, taskId } = await liveChat.postCustomerMessage({ sessionId, scope: { tokenHash } }, input.message, input.client_message_id);
      // Chats with a person have no assistant task: the message's delivery is the task.
      const body: ChatTaskResponse = { task_id: taskId ?? message.id, message_id: message.id };
      return send(res, 202, body);
    }
    if (action === "rating" && method === "POST") {
      const ref = await customer(req, sessionId);
      const input = parseInput(chatRatingBody, await readChatBody(req));
      await liveChat.rateChat(ref, input.score, input.comment);
      return send(res, 201, { session_id: ref.sessionId, rating: { score: input.score, comment: input.comment || null } });
    }
    throw new AppError("validation_error", `${method} is not supported on this endpoint.`);
  }

  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> => {
    if (!pathname.startsWith(PREFIX)) return false;
    const method = (req.method ?? "GET").toUpperCase();
    if (method === "OPTIONS") {
      send(res, 204);
      return true;
    }
    try {
      limits.requests.take(clientAddress(req, deps.trustProxy));
      await route(req, res, pathname, method);
    } catch (error) {
      sendError(res, error, logger);
    }
    return true;
  };
}
