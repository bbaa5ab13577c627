import { isUuid } from "../tenancy/memberships.server";
import type { BusinessOriginsCache } from "./business-origins.server";
import { normalizeOrigin, originAllowed } from "../contract/origins";

export type BusinessRef = { id: string } | { slug: string };

/**
 * Whether a page on `origin` may use a business's customer chat (API and /chat socket): no
 * Origin (not a browser), the app's own pages, or one of the business's allowed origins. An
 * unknown business is let through: the caller's own lookup answers it like any missing one.
 * `business` may be a lookup: it runs only for a page of another site.
 */
export function createCustomerOriginCheck(cache: BusinessOriginsCache, staffOrigins: readonly string[]) {
  return async (origin: string | undefined, host: string | undefined, business: BusinessRef | (() => Promise<BusinessRef | null>)): Promise<boolean> => {
    if (origin === undefined || originAllowed(origin, { host, allowed: staffOrigins })) return true;
    const ref = typeof business === "function" ? await business() : business;
    if (!ref) return true;
    const found = "id" in ref ? (isUuid(ref.id) ? await cache.byId(ref.id) : null) : await cache.bySlug(ref.slug);
    if (!found) return true;
    const normalized = normalizeOrigin(origin);
    return normalized !== null && found.origins.includes(normalized);
  };
}

export type CustomerOriginCheck = ReturnType<typeof createCustomerOriginCheck>;
