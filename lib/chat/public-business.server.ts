import type { PrismaClient } from "../db/prisma-client.server";
import { isStorableText } from "../errors/parse-input";

/** What anyone may see of a business to chat with it: no membership involved, so nothing more. */
export interface PublicBusiness {
  slug: string;
  name: string;
}

const SLUG_MAX_LENGTH = 64;

/** The business behind a public chat link, or null when no business has that slug. */
export async function findPublicBusiness(db: PrismaClient, slug: string): Promise<PublicBusiness | null> {
  if (slug.length === 0 || slug.length > SLUG_MAX_LENGTH || !isStorableText(slug)) return null;
  return db.business.findUnique({ where: { slug }, select: { slug: true, name: true } });
}
