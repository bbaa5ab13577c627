import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModel } from "ai";
import type { AssistantConfig } from "../config/env.server";

/** The configured OpenAI-compatible chat model (OpenAI, Ollama, vLLM, LM Studio, …) through the AI SDK. */
export function openAICompatibleModel(config: AssistantConfig["openai"]): LanguageModel {
  const provider = createOpenAICompatible({ name: "assistant", baseURL: config.baseUrl, apiKey: config.apiKey });
  return provider.chatModel(config.model);
}
