import { adminApiUrl, fetchJson, type JsonRequest } from "../browser/fetch-json";
import type { AllowedOriginsWire } from "../contract/allowed-origins";
import type { BusinessCreateInput, BusinessSettingsPatch, BusinessSettingsWire } from "../contract/businesses";
import type { AssistantSettingsWire } from "../contract/knowledge";

/** The settings admin API of one business, for the /settings page. Failures throw ApiError (with `fields` on 400). */
export function settingsApi(companyId: string) {
  const call = <T>(path: string, request: JsonRequest) => fetchJson<T>(adminApiUrl(path, companyId), request);
  return {
    updateBusiness: (patch: BusinessSettingsPatch) => call<BusinessSettingsWire>("business", { method: "PATCH", body: patch }),
    setAllowedOrigins: (origins: string[]) => call<AllowedOriginsWire>("allowed-origins", { method: "PUT", body: { allowed_origins: origins } }),
    setAssistantEnabled: (enabled: boolean) => call<AssistantSettingsWire>("assistant-settings", { method: "PUT", body: { enabled } }),
  };
}
export type SettingsApi = ReturnType<typeof settingsApi>;

/** `POST /api/v1/admin/businesses`: a new business owned by the caller (403 unless they own one already). */
export const createBusiness = (input: BusinessCreateInput) => fetchJson<BusinessSettingsWire>("/api/v1/admin/businesses", { method: "POST", body: input });
