import { AppError, type ErrorBody } from "../errors/app-error";
import type { ArticleInput, ArticleUpdate, AssistantSettingsWire, KnowledgeArticleWire } from "./contract";

async function request<T>(companyId: string, path: string, method: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/v1/admin/${path}?company_id=${encodeURIComponent(companyId)}`, {
      method,
      credentials: "same-origin",
      cache: "no-store",
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new AppError("unavailable", "Could not reach the server. Check your connection and try again.");
  }
  const payload = (await response.json().catch(() => null)) as (T & { error?: ErrorBody }) | null;
  if (!response.ok) {
    const error = payload?.error;
    throw new AppError(error?.code ?? "internal_error", error?.message ?? `The request failed (${response.status}).`, { fields: error?.fields });
  }
  return payload as T;
}

/** The knowledge admin API of one business, for the /knowledge page. Failures throw AppError (with `fields` on 400). */
export function knowledgeApi(companyId: string) {
  return {
    createArticle: (input: ArticleInput) => request<KnowledgeArticleWire>(companyId, "knowledge/articles", "POST", input),
    updateArticle: (id: string, input: ArticleUpdate) => request<KnowledgeArticleWire>(companyId, `knowledge/articles/${encodeURIComponent(id)}`, "PATCH", input),
    deleteArticle: (id: string) => request<{ deleted: true }>(companyId, `knowledge/articles/${encodeURIComponent(id)}`, "DELETE"),
    setAssistantEnabled: (enabled: boolean) => request<AssistantSettingsWire>(companyId, "assistant-settings", "PUT", { enabled }),
  };
}
export type KnowledgeApi = ReturnType<typeof knowledgeApi>;
