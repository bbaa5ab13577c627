import { adminApiUrl, fetchJson } from "../browser/fetch-json";
import type { BusinessHours, BusinessHoursWire } from "../contract/business-hours";

/** The business-hours API of one business, for /settings/hours. Failures throw ApiError (`fields` on 400). */
export const saveBusinessHours = (companyId: string, hours: BusinessHours) => fetchJson<BusinessHoursWire>(adminApiUrl("business-hours", companyId), { method: "PUT", body: hours });
