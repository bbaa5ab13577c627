/**
 * Identity verification (issue 17): a business's secret, and what a customer whose identity the
 * business vouches for (external_id + user_hash) may read. Universal.
 */
import { z } from "zod";
import type { SessionStatusName } from "./staff";
import { chatInitBody, externalId, userHash, type ChatMessageWire } from "./customer-chat";

/** GET /api/v1/admin/identity: whether the business has a secret (never the secret itself). */
export interface IdentityStatusWire {
  configured: boolean;
  created_at: string | null;
}

/** POST /api/v1/admin/identity/secret → 201: the new secret, in this answer only. */
export interface IdentitySecretWire extends IdentityStatusWire {
  secret: string;
}

/** POST /api/v1/admin/identity/secret takes an empty JSON object: nothing to choose, the server makes the secret. */
export const identitySecretBody = z.object({}).strict();
export const IDENTITY_SECRET_BODY_MAX_BYTES = 1024;

/** A signed-in user of the business's site, as the site vouches for them. */
export const verifiedIdentity = z.object({ external_id: externalId, user_hash: userHash }).strict();

/** POST /api/v1/chat/history: a verified customer's chats with the business, from any device. */
export const chatHistoryBody = z.object({ business: chatInitBody.shape.business, customer: verifiedIdentity }).strict();
export type ChatHistoryBody = z.infer<typeof chatHistoryBody>;

/** At most this many of a customer's latest chats are listed. */
export const PAST_CONVERSATIONS_LIMIT = 20;

export interface PastConversationWire {
  session_id: string;
  status: SessionStatusName;
  created_at: string;
  closed_at: string | null;
  messages: ChatMessageWire[];
}

export interface ChatHistoryResponse {
  /** Newest first. */
  conversations: PastConversationWire[];
}
