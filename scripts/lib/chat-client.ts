import type { ChatInitResponse, ChatTaskResponse } from "../../lib/contract/customer-chat";
import { createTimedHttpClient } from "./timed-http";

/** The customer chat API, timed (see createTimedHttpClient for the connection options). */
export function createChatClient(serverUrl: string, maxSockets: number, options: { keepAlive?: boolean } = {}) {
  const { request, close } = createTimedHttpClient(serverUrl, maxSockets, options);
  return {
    startChat: (business: string, customerName: string) => request<ChatInitResponse>("POST", "/api/v1/chat/init", 201, { business, customer: { name: customerName } }),
    postMessage: (chat: ChatInitResponse, message: string, clientMessageId: string) =>
      request<ChatTaskResponse>("POST", `/api/v1/chat/${chat.session_id}/task`, 202, { message, client_message_id: clientMessageId }, { authorization: `Bearer ${chat.session_token}` }),
    /** Ends the chat as its customer would (DELETE): a waiting one is abandoned. */
    endChat: (chat: ChatInitResponse) => request<{ status: string }>("DELETE", `/api/v1/chat/${chat.session_id}`, 200, undefined, { authorization: `Bearer ${chat.session_token}` }),
    close,
  };
}

export type ChatClient = ReturnType<typeof createChatClient>;
