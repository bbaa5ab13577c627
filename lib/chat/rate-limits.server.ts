import { createRateLimiter, type RateLimiter } from "../http/rate-limit";

export interface ChatRateLimitConfig {
  /** Any public chat request, per client address, per minute. */
  requestsPerIpPerMinute: number;
  /** New chats per client address per minute. */
  chatStartsPerIpPerMinute: number;
  /** Customer messages per chat session per minute (HTTP and socket together). */
  messagesPerSessionPerMinute: number;
}

export interface ChatRateLimits {
  requests: RateLimiter;
  chatStarts: RateLimiter;
  messages: RateLimiter;
}

const MINUTE = 60_000;

export function createChatRateLimits(config: ChatRateLimitConfig): ChatRateLimits {
  return {
    requests: createRateLimiter({ limit: config.requestsPerIpPerMinute, windowMs: MINUTE, what: "requests from this address" }),
    chatStarts: createRateLimiter({ limit: config.chatStartsPerIpPerMinute, windowMs: MINUTE, what: "new chats from this address" }),
    messages: createRateLimiter({ limit: config.messagesPerSessionPerMinute, windowMs: MINUTE, what: "messages in this chat" }),
  };
}

/**
 * The per-chat message allowance's key. With the token's hash in it, requests that do not hold
 * the chat's token (e.g. someone who learnt the session id) cannot use up its allowance.
 */
export const messageLimitKey = (sessionId: string, tokenHash: string) => `${sessionId}:${tokenHash}`;
