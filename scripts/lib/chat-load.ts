import { setTimeout as sleep } from "node:timers/promises";
import type { ChatClient } from "./chat-client";
import type { ExpectedPush } from "./deliveries";
import { epochNow } from "./epoch-clock";
import type { ReceiptRule } from "./fleet-protocol";

/** A customer's messages follow the chat's opening (and each other) this far apart. */
export const MESSAGE_GAP_MS = 500;

export const NEW_CHAT_PUSH = "new chat → queue.updated";
export const MESSAGE_PUSH = "message → session.updated";

/**
 * The receipts of a staff socket watching a business's workspace: a new chat's queue.updated
 * (reason "created") and a message's session.updated (reason "message"). A waiting chat's later
 * changes move its queue entry too; only its opening counts here.
 */
export const CHAT_PUSH_RULES: ReceiptRule[] = [
  { event: "queue.updated", where: { reason: "created" }, keyPath: ["session_id"], label: "chat" },
  { event: "session.updated", where: { reason: "message" }, keyPath: ["message", "id"], label: "message" },
];

export interface ChatLoadOptions {
  /** One client per server node: the requests take turns across them. */
  clients: ChatClient[];
  businessSlug: string;
  chatsPerSecond: number;
  durationS: number;
  messagesPerChat: number;
  /** Sockets watching the business: each of its pushes must reach all of them. */
  watchers: number;
  /** Tells this load's customers and message ids from other loads' in the same run (letters, digits, "-": it goes into client_message_id). */
  name: string;
}

export interface ChatLoadResult {
  pushes: ExpectedPush[];
  chatsOpened: number;
  messagesSent: number;
  failures: string[];
  /** epochNow() when the first chat was opened. */
  startedAt: number;
  /** Seconds until the last chat's opening was sent: the rate the driver held was chatsOpened / this. */
  openingSeconds: number;
}

/**
 * Customers opening chats (POST /api/v1/chat/init) at a steady rate for `durationS`, each posting
 * `messagesPerChat` messages (POST …/task) MESSAGE_GAP_MS apart; resolves when all have answered,
 * with the pushes their requests must cause at the watching sockets.
 */
export async function runChatLoad(options: ChatLoadOptions): Promise<ChatLoadResult> {
  let turn = 0;
  const nextClient = () => options.clients[turn++ % options.clients.length];
  const result: ChatLoadResult = { pushes: [], chatsOpened: 0, messagesSent: 0, failures: [], startedAt: epochNow(), openingSeconds: 0 };
  const expect = (key: string, kind: string, timing: { sentAt: number; receivedAt: number }) =>
    result.pushes.push({ key, kind, sentAt: timing.sentAt, respondedAt: timing.receivedAt, receivers: options.watchers });

  async function customer(index: number) {
    const chat = await nextClient().startChat(options.businessSlug, `${options.name} customer ${index}`);
    result.chatsOpened += 1;
    expect(`chat:${chat.body.session_id}`, NEW_CHAT_PUSH, chat);
    for (let n = 1; n <= options.messagesPerChat; n++) {
      await sleep(MESSAGE_GAP_MS);
      const sent = await nextClient().postMessage(chat.body, `Message ${n} from ${options.name} customer ${index}`, `${options.name}-${index}-${n}`);
      result.messagesSent += 1;
      expect(`message:${sent.body.message_id}`, MESSAGE_PUSH, sent);
    }
  }

  const customers: Promise<void>[] = [];
  const chatsToOpen = Math.round(options.chatsPerSecond * options.durationS);
  for (let index = 0; index < chatsToOpen; index++) {
    // Paced against the start, so a late timer does not lower the rate.
    await sleep(Math.max(0, result.startedAt + (index * 1000) / options.chatsPerSecond - epochNow()));
    customers.push(customer(index).catch((error: unknown) => void result.failures.push(String(error))));
  }
  result.openingSeconds = (epochNow() - result.startedAt) / 1000;
  await Promise.all(customers);
  return result;
}
