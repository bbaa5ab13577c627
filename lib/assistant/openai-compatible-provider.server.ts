import { streamText, type ModelMessage } from "ai";
import type { AssistantConfig } from "../config/env.server";
import { openAICompatibleModel } from "../llm/language-model.server";
import type { AssistantProvider, AssistantRequest } from "./provider";

/** What the model answers instead of guessing; never shown to the customer. */
const HANDOFF_MARK = "HANDOFF:";
const MAX_ANSWER_TOKENS = 500;

function systemPrompt({ business, articles }: AssistantRequest): string {
  const knowledge = articles.length ? articles.map((a) => `### ${a.title}\n${a.body}`).join("\n\n") : "(no article matches this question)";
  return [
    `You are the customer support assistant of ${business.name}, chatting with a customer.`,
    "Answer the customer's last message using only the knowledge articles below, briefly and kindly, in the customer's language.",
    `Do not guess. If the articles do not answer the question, if you are unsure, or if the customer wants a person, reply with exactly "${HANDOFF_MARK}" followed by a reason of at most ten words, and nothing else.`,
    "",
    "Knowledge articles:",
    knowledge,
  ].join("\n");
}

function conversation(request: AssistantRequest): ModelMessage[] {
  return request.history.flatMap((turn): ModelMessage[] => {
    if (turn.author === "CUSTOMER") return [{ role: "user", content: turn.body }];
    if (turn.author === "ASSISTANT" || turn.author === "AGENT") return [{ role: "assistant", content: turn.body }];
    return [];
  });
}

/**
 * Any OpenAI-compatible Chat Completions endpoint, streamed through the AI SDK. The start of the
 * answer is held back until it is clearly not the handoff mark, then every piece is passed on as
 * it arrives. Provider errors and aborts throw: the task runner hands the chat off.
 */
export function openAICompatibleProvider(config: AssistantConfig["openai"]): AssistantProvider {
  const model = openAICompatibleModel(config);
  return {
    async answer(request, { signal, onDelta }) {
      const result = streamText({
        model,
        system: systemPrompt(request),
        messages: conversation(request),
        abortSignal: signal,
        maxRetries: 0,
        maxOutputTokens: MAX_ANSWER_TOKENS,
        temperature: 0.2,
        // Errors arrive as stream parts (and end the answer below); the SDK's default logs them to stderr.
        onError: () => undefined,
      });
      let text = "";
      let passedOn = 0;
      for await (const part of result.fullStream) {
        if (part.type === "error") throw part.error instanceof Error ? part.error : new Error(String(part.error));
        if (part.type === "abort") throw new Error("The answer was aborted.");
        if (part.type !== "text-delta") continue;
        text += part.text;
        const start = text.trimStart();
        const mayBeHandoff = HANDOFF_MARK.startsWith(start.slice(0, HANDOFF_MARK.length).toUpperCase()) || start.toUpperCase().startsWith(HANDOFF_MARK);
        if (!mayBeHandoff && text.length > passedOn) {
          onDelta(text.slice(passedOn));
          passedOn = text.length;
        }
      }
      const start = text.trimStart();
      if (start.toUpperCase().startsWith(HANDOFF_MARK)) {
        return { kind: "handoff", reason: start.slice(HANDOFF_MARK.length).trim() || "The assistant could not answer" };
      }
      if (!start) return { kind: "handoff", reason: "The assistant gave no answer" };
      // Held back until the end only when the whole answer was a prefix of the mark ("HAND…").
      if (text.length > passedOn) onDelta(text.slice(passedOn));
      return { kind: "answer", text, articleId: request.articles[0]?.id ?? null };
    },
  };
}
