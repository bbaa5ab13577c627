import type { PrismaClient } from "../db/prisma-client.server";
import type { Role } from "../db/generated/enums";
import { notFound } from "../errors/app-error";
import { DEFAULT_BUSINESS_HOURS, type BusinessHours, type BusinessHoursWire } from "../contract/business-hours";
import { updateBusinessSettings } from "../tenancy/business-settings.server";
import type { BusinessScope } from "../tenancy/memberships.server";
import { loadDesk } from "./desk.server";
import { businessHours } from "./schedule";

/** Who sets a business's hours (any member may read them: agents see when the desk opens). */
export const HOURS_ADMIN_ROLES: readonly Role[] = ["OWNER", "ADMIN"];

/** The business's hours (the disabled weekday template when it never set any), its time zone and its desk now. */
export async function loadBusinessHours(db: PrismaClient, scope: BusinessScope, now = new Date()): Promise<BusinessHoursWire> {
  const [business, desk] = await Promise.all([db.business.findUnique({ where: { id: scope.businessId }, select: { settings: true, timezone: true } }), loadDesk(db, scope.businessId, now)]);
  if (!business || !desk) throw notFound("Business");
  return { hours: businessHours(business.settings) ?? DEFAULT_BUSINESS_HOURS, time_zone: business.timezone, desk };
}

/** Replaces the business's hours (audit-logged with the new schedule). */
export async function setBusinessHours(db: PrismaClient, scope: BusinessScope, actorUserId: string, hours: BusinessHours): Promise<BusinessHoursWire> {
  await updateBusinessSettings(db, scope, { actorUserId, action: "business.hours_updated", meta: { hours } }, { hours });
  return loadBusinessHours(db, scope);
}
