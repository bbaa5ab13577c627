import type { PrismaClient } from "../db/prisma-client.server";
import type { Role } from "../db/generated/enums";
import { notFound } from "../errors/app-error";
import { updateBusinessSettings } from "../tenancy/business-settings.server";
import type { BusinessScope } from "../tenancy/memberships.server";
import type { AllowedOriginsWire } from "../contract/allowed-origins";
import { businessAllowedOrigins, normalizeOrigin } from "../contract/origins";

/** Who decides which sites may embed a business's chat. */
export const ORIGIN_ADMIN_ROLES: readonly Role[] = ["OWNER", "ADMIN"];

export async function loadAllowedOrigins(db: PrismaClient, scope: BusinessScope): Promise<AllowedOriginsWire> {
  const business = await db.business.findUnique({ where: { id: scope.businessId }, select: { settings: true } });
  if (!business) throw notFound("Business");
  return { allowed_origins: businessAllowedOrigins(business.settings) };
}

/** Replaces the business's allowed origins (canonicalised, de-duplicated; audit-logged). Nodes pick it up within their origins cache's lifetime (10 s). */
export async function setAllowedOrigins(db: PrismaClient, scope: BusinessScope, actorUserId: string, origins: string[]): Promise<AllowedOriginsWire> {
  const canonical = [...new Set(origins.map((origin) => normalizeOrigin(origin)).filter((origin): origin is string => origin !== null))];
  const settings = await updateBusinessSettings(db, scope, { actorUserId, action: "business.allowed_origins_updated", meta: { allowed_origins: canonical } }, { allowedOrigins: canonical });
  return { allowed_origins: businessAllowedOrigins(settings) };
}
