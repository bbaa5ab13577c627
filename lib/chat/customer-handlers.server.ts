import { chatPayloads, type ChatClientToServerEvents } from "../contract/customer-chat";
import type { HandlerTable } from "../contract/handlers";
import type { LiveChat } from "./live-chat.server";
import type { CustomerConnection } from "./ports";
import type { ChatRateLimits } from "./rate-limits.server";

/** The customer's events on the /chat namespace (DESIGN §6 "Customer chat"). */
export function customerChatHandlers(connection: CustomerConnection, deps: { liveChat: LiveChat; limits: ChatRateLimits }) {
  const { sessionId, businessId } = connection;
  return {
    "chat.send": {
      schema: chatPayloads["chat.send"],
      async handle(payload) {
        await deps.limits.messages.take(connection.messageLimitKey);
        const { message } = await deps.liveChat.postCustomerMessage({ sessionId, scope: { businessId } }, payload.body, payload.client_message_id);
        return { message };
      },
    },
    "chat.typing": {
      schema: chatPayloads["chat.typing"],
      async handle(payload) {
        deps.liveChat.customerTyping(businessId, sessionId, payload.typing);
        return {};
      },
    },
  } satisfies HandlerTable<ChatClientToServerEvents>;
}
