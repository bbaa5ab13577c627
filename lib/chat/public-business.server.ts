import type { PrismaClient } from "../db/prisma-client.server";
import { isStorableText } from "../errors/parse-input";
import { brandColor, logoUrl, withSlugOrFormerSlug } from "../tenancy/businesses.server";

/** What anyone may see of a business to chat with it: no membership involved, so nothing more. */
export interface PublicBusiness {
  /** The current slug: differs from the one asked for when that is a former slug (the page redirects). */
  slug: string;
  name: string;
  brandColor: string;
  logoUrl: string | null;
}

const SLUG_MAX_LENGTH = 64;

/** The business behind a public chat link (its current or a former slug), or null when no business has that slug. */
export async function findPublicBusiness(db: PrismaClient, slug: string): Promise<PublicBusiness | null> {
  if (slug.length === 0 || slug.length > SLUG_MAX_LENGTH || !isStorableText(slug)) return null;
  const business = await db.business.findFirst({ where: withSlugOrFormerSlug(slug), select: { slug: true, name: true, settings: true } });
  return business && { slug: business.slug, name: business.name, brandColor: brandColor(business.settings), logoUrl: logoUrl(business.settings) };
}
