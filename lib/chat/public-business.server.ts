import type { PrismaClient } from "../db/prisma-client.server";
import { isStorableText } from "../errors/parse-input";
import type { DeskStatusWire } from "../contract/business-hours";
import { loadDesk } from "../hours/desk.server";
import { brandColor, logoUrl, withSlugOrFormerSlug } from "../tenancy/businesses.server";

/** What anyone may see of a business to chat with it: no membership involved, so nothing more. */
export interface PublicBusiness {
  /** The current slug: differs from the one asked for when that is a former slug (the page redirects). */
  slug: string;
  name: string;
  brandColor: string;
  logoUrl: string | null;
  /** Whether a person can answer now, and when one can (business hours): the page says so and asks for an email while closed. */
  desk: DeskStatusWire;
}

const SLUG_MAX_LENGTH = 64;

/** The business behind a public chat link (its current or a former slug), or null when no business has that slug. */
export async function findPublicBusiness(db: PrismaClient, slug: string): Promise<PublicBusiness | null> {
  if (slug.length === 0 || slug.length > SLUG_MAX_LENGTH || !isStorableText(slug)) return null;
  const business = await db.business.findFirst({ where: withSlugOrFormerSlug(slug), select: { id: true, slug: true, name: true, settings: true } });
  if (!business) return null;
  const desk = await loadDesk(db, business.id);
  return desk && { slug: business.slug, name: business.name, brandColor: brandColor(business.settings), logoUrl: logoUrl(business.settings), desk };
}
