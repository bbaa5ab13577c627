import http from "node:http";
import type { ChatInitResponse, ChatTaskResponse } from "../../lib/contract/customer-chat";

export interface TimedResponse<T> {
  body: T;
  /** performance.now() when the request was handed to the socket. */
  sentAt: number;
  /** performance.now() when the response's headers arrived. */
  receivedAt: number;
}

/**
 * The customer chat API over keep-alive connections (node:http: cheaper per request than fetch,
 * which matters when the driver shares two cores with the server and PostgreSQL); `keepAlive: false`
 * opens a connection per request, as separate customers would.
 */
export function createChatClient(serverUrl: string, maxSockets: number, { keepAlive = true } = {}) {
  const agent = new http.Agent({ keepAlive, maxSockets });

  function send<T>(method: string, path: string, expectedStatus: number, payload: unknown, headers: Record<string, string> = {}): Promise<TimedResponse<T>> {
    const body = payload === undefined ? "" : JSON.stringify(payload);
    const sentAt = performance.now();
    return new Promise((resolve, reject) => {
      const request = http.request(`${serverUrl}${path}`, { method, agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers } }, (response) => {
        const receivedAt = performance.now();
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          if (response.statusCode !== expectedStatus) reject(new Error(`${method} ${path} answered ${response.statusCode}: ${text}`));
          else resolve({ body: JSON.parse(text) as T, sentAt, receivedAt });
        });
        response.on("error", reject);
      });
      request.on("error", reject);
      request.end(body);
    });
  }

  return {
    startChat: (business: string, customerName: string) => send<ChatInitResponse>("POST", "/api/v1/chat/init", 201, { business, customer: { name: customerName } }),
    postMessage: (chat: ChatInitResponse, message: string, clientMessageId: string) =>
      send<ChatTaskResponse>("POST", `/api/v1/chat/${chat.session_id}/task`, 202, { message, client_message_id: clientMessageId }, { authorization: `Bearer ${chat.session_token}` }),
    /** Ends the chat as its customer would (DELETE): a waiting one is abandoned. */
    endChat: (chat: ChatInitResponse) => send<{ status: string }>("DELETE", `/api/v1/chat/${chat.session_id}`, 200, undefined, { authorization: `Bearer ${chat.session_token}` }),
    close: () => agent.destroy(),
  };
}
