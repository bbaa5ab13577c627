import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  /** The raw body, as a receiver verifies it. */
  body: string;
  /** What the receiver answered (0: it never answered). */
  status: number;
}

export type ReceiverBehaviour = (request: { headers: IncomingHttpHeaders; body: string; tryOfDelivery: number }) => number | "hang";

/**
 * A local HTTP receiver for webhooks: records every request, answers with the status the
 * behaviour picks (by the try of that delivery: 1, 2…), or never answers ("hang").
 */
export async function startWebhookReceiver(behaviour: ReceiverBehaviour = () => 200) {
  const received: ReceivedWebhook[] = [];
  const tries = new Map<string, number>();
  const hanging = new Set<ServerResponse>();
  const waiters: (() => void)[] = [];
  let current = behaviour;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const deliveryId = String(req.headers["switchboard-delivery"]);
      const tryOfDelivery = (tries.get(deliveryId) ?? 0) + 1;
      tries.set(deliveryId, tryOfDelivery);
      const answer = current({ headers: req.headers, body, tryOfDelivery });
      received.push({ headers: req.headers, body, status: answer === "hang" ? 0 : answer });
      if (answer === "hang") hanging.add(res);
      else res.writeHead(answer, { "content-type": "text/plain" }).end(answer < 300 ? "ok" : `failing on purpose (${answer})`);
      waiters.splice(0).forEach((wake) => wake());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    /** Requests answered 2xx: what the receiver accepted. */
    accepted: () => received.filter((r) => r.status >= 200 && r.status < 300),
    setBehaviour(next: ReceiverBehaviour) {
      current = next;
    },
    /** Resolves when the receiver has got a request for which `condition` holds over everything received. */
    async waitFor(condition: (received: ReceivedWebhook[]) => boolean, what: string, timeoutMs = 20_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!condition(received)) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`Timed out waiting for the receiver: ${what}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => (clearTimeout(timer), resolve()));
        });
      }
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
