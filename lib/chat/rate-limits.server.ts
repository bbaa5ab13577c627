import { createSharedRateLimiter, type SharedRateLimiter } from "../http/shared-rate-limit.server";
import type { RedisClient } from "../server/redis.server";

export interface ChatRateLimitConfig {
  /** Any public chat request, per client address, per minute. */
  requestsPerIpPerMinute: number;
  /** New chats per client address per minute. */
  chatStartsPerIpPerMinute: number;
  /** Customer messages per chat session per minute (HTTP and socket together). */
  messagesPerSessionPerMinute: number;
}

export interface ChatRateLimits {
  requests: SharedRateLimiter;
  chatStarts: SharedRateLimiter;
  messages: SharedRateLimiter;
  /** Verified customers' history reads (a user_hash check each), per client address: as rare as chat starts, so their budget. */
  historyReads: SharedRateLimiter;
}

/** The customer chat's limits, counted across the cluster through `redis` when it has one (docs/decisions/005). */
export function createChatRateLimits(config: ChatRateLimitConfig, redis?: RedisClient): ChatRateLimits {
  const perMinute = (name: string, limit: number, what: string) => createSharedRateLimiter(redis, { name, limit, windowSeconds: 60, what });
  return {
    requests: perMinute("chat_requests", config.requestsPerIpPerMinute, "requests from this address"),
    chatStarts: perMinute("chat_starts", config.chatStartsPerIpPerMinute, "new chats from this address"),
    messages: perMinute("chat_messages", config.messagesPerSessionPerMinute, "messages in this chat"),
    historyReads: perMinute("chat_history", config.chatStartsPerIpPerMinute, "history reads from this address"),
  };
}

/**
 * The per-chat message allowance's key. With the token's hash in it, requests that do not hold
 * the chat's token (e.g. someone who learnt the session id) cannot use up its allowance.
 */
export const messageLimitKey = (sessionId: string, tokenHash: string) => `${sessionId}:${tokenHash}`;
