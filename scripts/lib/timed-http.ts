import http from "node:http";
import { epochNow } from "./epoch-clock";

export interface TimedResponse<T> {
  body: T;
  /** epochNow() when the request was handed to the socket. */
  sentAt: number;
  /** epochNow() when the response's headers arrived. */
  receivedAt: number;
}

type TimedRequest = <T>(method: string, path: string, expectedStatus: number, payload: unknown, headers?: Record<string, string>) => Promise<TimedResponse<T>>;

/**
 * JSON requests to one server, timed on the epoch clock, over keep-alive connections (node:http:
 * cheaper per request than fetch, which matters when the driver shares two cores with the server
 * and PostgreSQL); `keepAlive: false` opens a connection per request, as separate clients would.
 * A status other than the expected one rejects with the response's text.
 */
export function createTimedHttpClient(serverUrl: string, maxSockets: number, { keepAlive = true } = {}): { request: TimedRequest; close(): void } {
  // An idle connection is closed here after 4 s, before the server's keep-alive timeout (Node's 5 s)
  // can close it under a request just sent on it ("socket hang up": a browser resends such a request, this driver would count it failed).
  const agent = new http.Agent({ keepAlive, maxSockets, timeout: 4_000 });

  function request<T>(method: string, path: string, expectedStatus: number, payload: unknown, headers: Record<string, string> = {}): Promise<TimedResponse<T>> {
    const body = payload === undefined ? "" : JSON.stringify(payload);
    const sentAt = epochNow();
    return new Promise((resolve, reject) => {
      const outgoing = http.request(`${serverUrl}${path}`, { method, agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers } }, (response) => {
        const receivedAt = epochNow();
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          if (response.statusCode !== expectedStatus) reject(new Error(`${method} ${path} answered ${response.statusCode}: ${text}`));
          else resolve({ body: (text ? JSON.parse(text) : undefined) as T, sentAt, receivedAt });
        });
        response.on("error", reject);
      });
      outgoing.on("error", reject);
      outgoing.end(body);
    });
  }

  return { request, close: () => agent.destroy() };
}
