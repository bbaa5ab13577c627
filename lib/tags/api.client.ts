import { adminApiUrl, fetchJson, type JsonRequest } from "../browser/fetch-json";
import type { TagCreateInput, TagListEntry, TagUpdateInput } from "../contract/tags";

/** The tag-list API of one business, for /settings/tags. Failures throw ApiError (`fields` on 400 and on a taken name's 409). */
export function tagsApi(companyId: string) {
  const call = <T>(path: string, request: JsonRequest = {}) => fetchJson<T>(adminApiUrl(path, companyId), request);
  const tag = (id: string) => `tags/${encodeURIComponent(id)}`;
  return {
    create: async (input: TagCreateInput) => (await call<{ tag: TagListEntry }>("tags", { method: "POST", body: input })).tag,
    update: async (id: string, input: TagUpdateInput) => (await call<{ tag: TagListEntry }>(tag(id), { method: "PATCH", body: input })).tag,
    remove: (id: string) => call<{ deleted: true }>(tag(id), { method: "DELETE" }),
  };
}
export type TagsApi = ReturnType<typeof tagsApi>;
