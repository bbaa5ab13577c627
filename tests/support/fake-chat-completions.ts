import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for a paid LLM API: an HTTP server speaking the OpenAI Chat Completions
 * protocol (`POST /v1/chat/completions`), streaming as server-sent events when the request asks
 * for `stream: true`. Each test decides the reply per request.
 */
export interface ChatCompletionsRequest {
  model: string;
  stream?: boolean;
  messages: { role: string; content: string }[];
  [key: string]: unknown;
}

export type FakeReply =
  /** The answer, streamed one chunk per SSE event (or concatenated when not streaming). */
  | { chunks: string[]; gate?: Promise<void> }
  /** An HTTP error from the provider. */
  | { status: number; message?: string }
  /** Accepts the request and never answers (a provider that times out). */
  | { hang: true };

export interface FakeChatCompletions {
  /** The base URL to configure (ends in /v1). */
  baseUrl: string;
  requests: ChatCompletionsRequest[];
  close(): Promise<void>;
}

export async function startFakeChatCompletions(reply: (request: ChatCompletionsRequest) => FakeReply): Promise<FakeChatCompletions> {
  const requests: ChatCompletionsRequest[] = [];
  const open = new Set<ServerResponse>();

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "not found" } }));
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = JSON.parse(Buffer.concat(chunks).toString("utf8")) as ChatCompletionsRequest;
    requests.push(request);
    const answer = reply(request);
    open.add(res);
    res.on("close", () => open.delete(res));

    if ("hang" in answer) return;
    if ("status" in answer) {
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: answer.message ?? "provider error", type: "server_error" } }));
      return;
    }
    const id = `chatcmpl-${requests.length}`;
    const created = Math.floor(Date.now() / 1000);
    if (!request.stream) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          id,
          object: "chat.completion",
          created,
          model: request.model,
          choices: [{ index: 0, message: { role: "assistant", content: answer.chunks.join("") }, finish_reason: "stop" }],
          usage: { prompt_tokens: 10, completion_tokens: answer.chunks.length, total_tokens: 10 + answer.chunks.length },
        }),
      );
      return;
    }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    const event = (delta: object, finishReason: string | null) =>
      res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: request.model, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`);
    event({ role: "assistant", content: "" }, null);
    for (const [index, chunk] of answer.chunks.entries()) {
      event({ content: chunk }, null);
      // The test may hold the stream after the first chunk (e.g. to kill the worker mid-answer).
      if (index === 0 && answer.gate) await answer.gate;
      if (res.destroyed) return;
    }
    event({}, "stop");
    res.write("data: [DONE]\n\n");
    res.end();
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    async close() {
      for (const res of open) res.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
