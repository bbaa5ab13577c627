import type { MessageAuthorName } from "../contract/customer-chat";
import type { ArticleMatch } from "./knowledge-search.server";

/** What a provider gets to answer one customer message. */
export interface AssistantRequest {
  business: { name: string; slug: string };
  /** The customer message being answered. */
  question: string;
  /** The conversation so far, oldest first, ending with the question. */
  history: { author: MessageAuthorName; body: string }[];
  /** The business's knowledge articles matching the question, best first. */
  articles: ArticleMatch[];
}

export type AssistantOutcome =
  | { kind: "answer"; text: string; articleId: string | null }
  /** Nothing good to say: the chat goes to a person, and the reason goes with it. */
  | { kind: "handoff"; reason: string };

export interface AnswerOptions {
  /** Aborted on timeout or shutdown; the provider stops and throws. */
  signal: AbortSignal;
  /** Each piece of a streamed answer, as it arrives; their concatenation is the answer's text. */
  onDelta(delta: string): void;
}

export interface AssistantProvider {
  answer(request: AssistantRequest, options: AnswerOptions): Promise<AssistantOutcome>;
}
