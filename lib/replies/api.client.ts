import { adminApiUrl, fetchJson, type JsonRequest } from "../browser/fetch-json";
import { uploadFile } from "../browser/upload-file";
import type { SavedReplyInput, SavedReplyListWire, SavedReplyPatch, SavedReplyWire } from "../contract/saved-replies";

/** The saved-replies API of one business, for the settings page and the composer. Failures throw ApiError (`fields` on 400 and on a taken shortcut's 409). */
export function savedRepliesApi(companyId: string) {
  const call = <T>(path: string, request: JsonRequest = {}) => fetchJson<T>(adminApiUrl(path, companyId), request);
  const reply = (id: string) => `saved-replies/${encodeURIComponent(id)}`;
  return {
    /** The list with its version (comparable with saved_replies.updated's). */
    list: () => call<SavedReplyListWire>("saved-replies"),
    create: (input: SavedReplyInput) => call<SavedReplyWire>("saved-replies", { method: "POST", body: input }),
    update: (id: string, patch: SavedReplyPatch) => call<SavedReplyWire>(reply(id), { method: "PATCH", body: patch }),
    remove: (id: string) => call<{ deleted: true }>(reply(id), { method: "DELETE" }),
    /** Puts `file` on the reply (replacing its file); the server decides its kind from the bytes. */
    attachFile: (id: string, file: File, onProgress: (fraction: number) => void) =>
      uploadFile<SavedReplyWire>(`${adminApiUrl(`${reply(id)}/attachment`, companyId)}&${new URLSearchParams({ file_name: file.name })}`, file, { method: "PUT", onProgress }),
    removeFile: (id: string) => call<SavedReplyWire>(`${reply(id)}/attachment`, { method: "DELETE" }),
  };
}
export type SavedRepliesApi = ReturnType<typeof savedRepliesApi>;
