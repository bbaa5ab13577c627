import { helpArticlePath } from "../contract/knowledge";
import type { AssistantProvider } from "./provider";

/**
 * The offline default: the best-matching knowledge article, quoted and linked, when it is
 * relevant enough; otherwise a handoff (it never improvises an answer).
 */
export function builtinProvider(minRelevance: number): AssistantProvider {
  return {
    async answer({ business, articles }) {
      const best = articles[0];
      if (!best || best.relevance < minRelevance) return { kind: "handoff", reason: "No help article answers this question" };
      const text = [
        best.excerpt,
        `From our help article [${best.title}](${helpArticlePath(business.slug, best.id)}).`,
        "Did that answer your question? If not, ask to talk to a person and I'll connect you.",
      ].join("\n\n");
      return { kind: "answer", text, articleId: best.id };
    },
  };
}
