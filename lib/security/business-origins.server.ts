import type { PrismaClient } from "../db/prisma-client.server";
import { businessAllowedOrigins } from "../contract/origins";

export interface BusinessOrigins {
  businessId: string;
  slug: string;
  /** The business's own sites (Business.settings.allowedOrigins), canonical origins. */
  origins: string[];
}

/**
 * A business's allowed origins, looked up by id or slug and kept for `ttlMs`: asked on every
 * cross-origin chat request and every customer page, changed rarely. A change is seen by every
 * node within `ttlMs`.
 */
export function createBusinessOriginsCache(db: PrismaClient, ttlMs = 10_000) {
  const entries = new Map<string, { value: BusinessOrigins | null; expiresAt: number }>();

  async function load(key: string, where: { id: string } | { slug: string }): Promise<BusinessOrigins | null> {
    const cached = entries.get(key);
    if (cached && cached.expiresAt > Date.now()) return cached.value;
    const row = await db.business.findUnique({ where, select: { id: true, slug: true, settings: true } });
    const value = row ? { businessId: row.id, slug: row.slug, origins: businessAllowedOrigins(row.settings) } : null;
    // Bounded: an attacker naming random slugs cannot grow it past a few thousand entries.
    if (entries.size > 5_000) entries.clear();
    entries.set(key, { value, expiresAt: Date.now() + ttlMs });
    return value;
  }

  return {
    byId: (businessId: string) => load(`id:${businessId}`, { id: businessId }),
    bySlug: (slug: string) => load(`slug:${slug}`, { slug }),
    /** Forget what this node knows (after this node changed a business's origins). */
    invalidate: () => entries.clear(),
  };
}

export type BusinessOriginsCache = ReturnType<typeof createBusinessOriginsCache>;
