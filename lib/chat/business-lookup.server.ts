import { Prisma } from "../db/generated/client";
import { queryPrepared, type DbClient } from "../db/prisma-client.server";
import { isUuid } from "../tenancy/memberships.server";

export interface ChatBusiness {
  id: string;
  settings: Prisma.JsonValue;
  /** Verifies the external_id customers claim (lib/identity); null while the business has none. */
  identitySecret: string | null;
}

// Prepared statements: every chat start runs both (the first to open the chat, the second for
// auto routing), and at 20 chats/s Prisma's query compiler cost more CPU than the reads.

/** The business a customer's chat names: its slug, a former slug, or (for integrations that store ids) its id. */
export async function findChatBusiness(db: DbClient, slugOrId: string): Promise<ChatBusiness | null> {
  const [business] = await queryPrepared<ChatBusiness>(
    db,
    "chat-business",
    Prisma.sql`SELECT b.id, b.settings, b."identitySecret" FROM "Business" b
               WHERE b.slug = ${slugOrId} OR b.id = ${isUuid(slugOrId) ? slugOrId : null}::uuid
                  OR b.id IN (SELECT a."businessId" FROM "BusinessSlugAlias" a WHERE a.slug = ${slugOrId})
               LIMIT 1`,
  );
  return business ?? null;
}

export async function businessSettings(db: DbClient, businessId: string): Promise<Prisma.JsonValue | null> {
  const [business] = await queryPrepared<{ settings: Prisma.JsonValue }>(db, "business-settings", Prisma.sql`SELECT settings FROM "Business" WHERE id = ${businessId}::uuid`);
  return business?.settings ?? null;
}
