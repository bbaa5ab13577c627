import type { IncomingMessage, ServerResponse } from "node:http";
import { readJson } from "../http/json-body.server";
import { AppError, notFound, toAppError } from "../errors/app-error";
import { parseInput } from "../errors/parse-input";
import type { PrismaClient } from "../db/prisma-client.server";
import { describeError, type Logger } from "../observability/logger";
import {
  attachmentUploadQuery,
  BODY_MAX_BYTES,
  chatEmailBody,
  chatInitBody,
  chatRatingBody,
  chatTaskBody,
  type AttachmentUploadResponse,
  type ChatInitResponse,
  type ChatTaskResponse,
} from "../contract/customer-chat";
import { authenticateCustomer, loadCustomerView, setCustomerEmail, type CustomerSessionRef } from "./customer-chat.server";
import { loadPastConversations } from "./customer-history.server";
import { chatHistoryBody } from "../contract/identity";
import { messageLimitKey, type ChatRateLimits } from "./rate-limits.server";
import type { LiveChat } from "./live-chat.server";
import { bearerToken, hashSessionToken } from "./session-token.server";
import { clientAddress } from "../http/client-address";
import type { CustomerOriginCheck } from "../security/customer-origins.server";
import { isUuid } from "../tenancy/memberships.server";

export interface ChatApiDependencies {
  db: PrismaClient;
  liveChat: LiveChat;
  limits: ChatRateLimits;
  logger: Logger;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  /** Which pages may use a business's chat (lib/security/customer-origins.server.ts). */
  customerOrigins: CustomerOriginCheck;
}

const PREFIX = "/api/v1/chat/";
const SESSION_PATH = /^\/api\/v1\/chat\/([^/]+)(?:\/(task|rating|attachments|email))?\/?$/;

// Called from the businesses' own sites too (embedded widgets): bearer tokens, no cookies. A page
// of another origin is answered only when it is one of the business's allowed origins.
const CORS_HEADERS = {
  "access-control-allow-methods": "GET, POST, PUT, DELETE, OPTIONS",
  "access-control-allow-headers": "authorization, content-type",
  "access-control-max-age": "600",
  vary: "Origin",
};

/** Per request: the Origin to name in Access-Control-Allow-Origin, once it was admitted for the business. */
interface Cors {
  allowOrigin?: string;
}

function send(res: ServerResponse, cors: Cors, status: number, body?: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, {
    ...CORS_HEADERS,
    ...(cors.allowOrigin ? { "access-control-allow-origin": cors.allowOrigin } : {}),
    "cache-control": "no-store",
    ...(body === undefined ? {} : { "content-type": "application/json; charset=utf-8" }),
    ...headers,
  });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

function sendError(res: ServerResponse, cors: Cors, error: unknown, logger: Logger) {
  const appError = toAppError(error);
  if (appError.code === "internal_error") logger.error("chat api failed", { error: describeError(error) });
  const headers: Record<string, string> = {};
  if (appError.details.retryAfterSeconds !== undefined) headers["retry-after"] = String(appError.details.retryAfterSeconds);
  // The rest of an oversized body is not read: end the connection rather than parse it as the next request.
  if (appError.code === "payload_too_large") headers.connection = "close";
  send(res, cors, appError.status, { error: appError.toBody() }, headers);
}

/** The JSON body, refused with 413 past BODY_MAX_BYTES (without reading the rest) and 400 when not JSON. */
const readChatBody = (req: IncomingMessage) => readJson(req, Number(req.headers["content-length"] ?? 0), BODY_MAX_BYTES);

function requireToken(req: IncomingMessage): string {
  const token = bearerToken(req.headers.authorization);
  if (!token) throw new AppError("unauthorized", "Send the chat's session token as `Authorization: Bearer <token>`.");
  return token;
}

/** One request's view: who asks (token, origin), and where the answer's CORS origin is kept. */
interface ChatRequest {
  req: IncomingMessage;
  res: ServerResponse;
  cors: Cors;
  /** Before anything is read or changed: a page of a site the business has not allowed gets nothing. */
  admit(business: Parameters<CustomerOriginCheck>[2]): Promise<void>;
}

function chatRequest(deps: ChatApiDependencies, req: IncomingMessage, res: ServerResponse, cors: Cors): ChatRequest {
  const origin = typeof req.headers.origin === "string" ? req.headers.origin : undefined;
  return {
    req,
    res,
    cors,
    async admit(business) {
      if (!(await deps.customerOrigins(origin, req.headers.host, business))) {
        throw new AppError("forbidden", "This site may not use this business's chat; the business can allow it in its settings.");
      }
      cors.allowOrigin = origin;
    },
  };
}

/** POST /api/v1/chat/init */
async function initChat(deps: ChatApiDependencies, { req, res, cors, admit }: ChatRequest, method: string) {
  if (method !== "POST") throw new AppError("validation_error", "Use POST to start a chat.");
  await deps.limits.chatStarts.take(clientAddress(req, deps.trustProxy));
  const input = parseInput(chatInitBody, await readChatBody(req));
  await admit(isUuid(input.business) ? { id: input.business } : { slug: input.business });
  const started = await deps.liveChat.startChat(input);
  const body: ChatInitResponse = { session_id: started.sessionId, session_token: started.token, status: started.status, verified: started.verified };
  return send(res, cors, 201, body);
}

/** POST /api/v1/chat/history: a verified customer's earlier chats (lib/chat/customer-history.server.ts). */
async function chatHistory(deps: ChatApiDependencies, { req, res, cors, admit }: ChatRequest, method: string) {
  if (method !== "POST") throw new AppError("validation_error", "Use POST to read a customer's past conversations.");
  await deps.limits.historyReads.take(clientAddress(req, deps.trustProxy));
  const input = parseInput(chatHistoryBody, await readChatBody(req));
  await admit(isUuid(input.business) ? { id: input.business } : { slug: input.business });
  return send(res, cors, 200, await loadPastConversations(deps.db, input));
}

/** POST /api/v1/chat/{id}/task — the hot path: the token is checked inside the one statement that stores the message. */
async function postMessage(deps: ChatApiDependencies, { req, res, cors, admit }: ChatRequest, sessionId: string) {
  const tokenHash = hashSessionToken(requireToken(req));
  const input = parseInput(chatTaskBody, await readChatBody(req));
  await deps.limits.messages.take(messageLimitKey(sessionId, tokenHash));
  // Only a page of another site costs a lookup of the session's business.
  await admit(async () => {
    const session = await deps.db.chatSession.findUnique({ where: { id: sessionId }, select: { businessId: true } });
    return session && { id: session.businessId };
  });
  const { message, taskId } = await deps.liveChat.postCustomerMessage({ sessionId, scope: { tokenHash } }, input.message, input.client_message_id);
  // Chats with a person have no assistant task: the message's delivery is the task.
  const body: ChatTaskResponse = { task_id: taskId ?? message.id, message_id: message.id };
  return send(res, cors, 202, body);
}

/**
 * POST /api/v1/chat/{id}/attachments?client_message_id=&file_name=[&caption=]: the body is the
 * file's bytes, streamed through the checks (size, kind) into the file store; then a message like
 * any other. 201 with the message, 200 with the stored one for a retry.
 */
async function postAttachment(deps: ChatApiDependencies, request: ChatRequest, authorised: () => Promise<CustomerSessionRef>) {
  const { req, res, cors } = request;
  const token = requireToken(req);
  const query = parseInput(attachmentUploadQuery, Object.fromEntries(new URL(req.url ?? "/", "http://localhost").searchParams));
  const ref = await authorised();
  await deps.limits.messages.take(messageLimitKey(ref.sessionId, hashSessionToken(token)));
  const declared = req.headers["content-length"];
  const sent = await deps.liveChat.postCustomerAttachment(ref, { body: req, declaredLength: declared === undefined ? undefined : Number(declared), query });
  const body: AttachmentUploadResponse = { message: sent.message };
  return send(res, cors, sent.created ? 201 : 200, body);
}

/** GET|DELETE /api/v1/chat/{id}, POST /api/v1/chat/{id}/{task|rating|attachments}, PUT /api/v1/chat/{id}/email */
async function sessionEndpoint(deps: ChatApiDependencies, request: ChatRequest, sessionId: string, action: string | undefined, method: string) {
  const { db, liveChat } = deps;
  const { req, res, cors } = request;
  // A malformed id is a missing session (token checked first, as for any session), answered without asking the database.
  if (!isUuid(sessionId)) {
    requireToken(req);
    throw notFound("Chat session");
  }
  const authorised = async (): Promise<CustomerSessionRef> => {
    const ref = await authenticateCustomer(db, requireToken(req), sessionId);
    await request.admit({ id: ref.businessId });
    return ref;
  };
  if (!action && method === "GET") return send(res, cors, 200, await loadCustomerView(db, await authorised()));
  if (!action && method === "DELETE") {
    const ref = await authorised();
    const change = await liveChat.endChat(ref);
    const view = change ? { session_id: ref.sessionId, status: change.session.status } : await loadCustomerView(db, ref).then((v) => ({ session_id: v.session_id, status: v.status }));
    return send(res, cors, 200, view);
  }
  if (action === "task" && method === "POST") return postMessage(deps, request, sessionId);
  if (action === "attachments" && method === "POST") return postAttachment(deps, request, authorised);
  if (action === "email" && method === "PUT") {
    // An offline message's customer leaves where to answer them (business hours).
    const ref = await authorised();
    const input = parseInput(chatEmailBody, await readChatBody(req));
    return send(res, cors, 200, await setCustomerEmail(db, ref, input.email));
  }
  if (action === "rating" && method === "POST") {
    const ref = await authorised();
    const input = parseInput(chatRatingBody, await readChatBody(req));
    await liveChat.rateChat(ref, input.score, input.comment);
    return send(res, cors, 201, { session_id: ref.sessionId, rating: { score: input.score, comment: input.comment || null } });
  }
  throw new AppError("validation_error", `${method} is not supported on this endpoint.`);
}

/**
 * The customer chat API of DESIGN §5 (served by the custom server in front of Next: it pushes
 * through Socket.IO and rate-limits by socket address; docs/decisions/005). Returns false for
 * paths outside /api/v1/chat/.
 */
export function createChatApiHandler(deps: ChatApiDependencies) {
  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> => {
    if (!pathname.startsWith(PREFIX)) return false;
    const method = (req.method ?? "GET").toUpperCase();
    const cors: Cors = {};
    if (method === "OPTIONS") {
      // A preflight changes nothing: the request that follows is checked against the business's origins.
      send(res, { allowOrigin: typeof req.headers.origin === "string" ? req.headers.origin : undefined }, 204);
      return true;
    }
    try {
      await deps.limits.requests.take(clientAddress(req, deps.trustProxy));
      const request = chatRequest(deps, req, res, cors);
      if (pathname === "/api/v1/chat/init" || pathname === "/api/v1/chat/init/") {
        await initChat(deps, request, method);
      } else if (pathname === "/api/v1/chat/history" || pathname === "/api/v1/chat/history/") {
        await chatHistory(deps, request, method);
      } else {
        const match = SESSION_PATH.exec(pathname);
        if (!match) throw new AppError("not_found", "No such chat endpoint.");
        await sessionEndpoint(deps, request, match[1], match[2], method);
      }
    } catch (error) {
      sendError(res, cors, error, deps.logger);
    }
    return true;
  };
}
