import { adminApiUrl, fetchJson, type JsonRequest } from "../browser/fetch-json";
import type { ArticleInput, ArticleUpdate, AssistantSettingsWire, KnowledgeArticleWire } from "../contract/knowledge";

/** The knowledge admin API of one business, for the /knowledge page. Failures throw ApiError (with `fields` on 400). */
export function knowledgeApi(companyId: string) {
  const call = <T>(path: string, request: JsonRequest) => fetchJson<T>(adminApiUrl(path, companyId), request);
  const article = (id: string) => `knowledge/articles/${encodeURIComponent(id)}`;
  return {
    createArticle: (input: ArticleInput) => call<KnowledgeArticleWire>("knowledge/articles", { method: "POST", body: input }),
    updateArticle: (id: string, input: ArticleUpdate) => call<KnowledgeArticleWire>(article(id), { method: "PATCH", body: input }),
    deleteArticle: (id: string) => call<{ deleted: true }>(article(id), { method: "DELETE" }),
    setAssistantEnabled: (enabled: boolean) => call<AssistantSettingsWire>("assistant-settings", { method: "PUT", body: { enabled } }),
  };
}
export type KnowledgeApi = ReturnType<typeof knowledgeApi>;
