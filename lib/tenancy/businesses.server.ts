/**
 * Businesses as their owners create and set them up: profile, routing, look, slug (former slugs
 * keep their public links). Settings that live in `Business.settings` go through
 * updateBusinessSettings so concurrent writes of other keys are never lost.
 */
import { Prisma } from "../db/generated/client";
import type { Role } from "../db/generated/enums";
import type { DbClient, PrismaClient } from "../db/prisma-client.server";
import { AppError, notFound } from "../errors/app-error";
import { businessAllowedOrigins } from "../contract/origins";
import { DEFAULT_BRAND_COLOR, DEFAULT_CAPACITY, slugFromName, type BusinessCreateInput, type BusinessSettingsPatch, type BusinessSettingsWire, type BusinessSummaryWire } from "../contract/businesses";
import { assistantEnabled, isDemoBusiness } from "./business-settings";
import { listMemberships, scopeOfMembership, type BusinessScope } from "./memberships.server";

interface LookSettings {
  brandColor?: unknown;
  logoUrl?: unknown;
  routing?: unknown;
  defaultCapacity?: unknown;
}

/** The business's accent colour on the customer page. */
export const brandColor = (settings: unknown) => {
  const value = (settings as LookSettings | null)?.brandColor;
  return typeof value === "string" && /^#[0-9a-f]{6}$/.test(value) ? value : DEFAULT_BRAND_COLOR;
};
export const logoUrl = (settings: unknown) => {
  const value = (settings as LookSettings | null)?.logoUrl;
  return typeof value === "string" && value.startsWith("https://") ? value : null;
};
/** The capacity a new member's agent starts with. */
export const defaultCapacity = (settings: unknown) => {
  const value = (settings as LookSettings | null)?.defaultCapacity;
  return typeof value === "number" && Number.isInteger(value) && value >= 1 ? value : DEFAULT_CAPACITY;
};
const routing = (settings: unknown): "manual" | "auto" => ((settings as LookSettings | null)?.routing === "auto" ? "auto" : "manual");

const settingsSelect = {
  id: true,
  slug: true,
  name: true,
  legalName: true,
  timezone: true,
  currency: true,
  settings: true,
  slugAliases: { select: { slug: true }, orderBy: { createdAt: "desc" } },
} as const;
type SettingsRow = Prisma.BusinessGetPayload<{ select: typeof settingsSelect }>;

function toSettingsWire(row: SettingsRow): BusinessSettingsWire {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    legal_name: row.legalName,
    timezone: row.timezone,
    currency: row.currency,
    brand_color: brandColor(row.settings),
    logo_url: logoUrl(row.settings),
    routing: routing(row.settings),
    default_capacity: defaultCapacity(row.settings),
    assistant_enabled: assistantEnabled(row.settings),
    allowed_origins: businessAllowedOrigins(row.settings),
    previous_slugs: row.slugAliases.map((alias) => alias.slug),
    is_demo: isDemoBusiness(row.settings),
  };
}

export async function loadBusinessSettings(db: DbClient, scope: BusinessScope): Promise<BusinessSettingsWire> {
  const row = await db.business.findUnique({ where: { id: scope.businessId }, select: settingsSelect });
  if (!row) throw notFound("Business");
  return toSettingsWire(row);
}

/** Every business of the user, with their role in it. */
export async function listBusinessSummaries(db: PrismaClient, userId: string): Promise<BusinessSummaryWire[]> {
  const rows = await db.membership.findMany({ where: { userId }, select: { role: true, business: { select: { id: true, slug: true, name: true, settings: true } } }, orderBy: { createdAt: "asc" } });
  return rows.map(({ role, business }) => ({ id: business.id, slug: business.slug, name: business.name, role, is_demo: isDemoBusiness(business.settings) }));
}

/** Who may create more businesses: the installation's owners (anyone who owns one). Agents and admins ask an owner. */
export async function canCreateBusinesses(db: PrismaClient, userId: string): Promise<boolean> {
  return (await db.membership.count({ where: { userId, role: "OWNER" } })) > 0;
}

/** Refuses a slug another business has now or had before (its old links still lead there). */
async function requireFreeSlug(tx: DbClient, slug: string, ownBusinessId?: string): Promise<void> {
  const [current, alias] = await Promise.all([tx.business.findUnique({ where: { slug }, select: { id: true } }), tx.businessSlugAlias.findUnique({ where: { slug }, select: { businessId: true } })]);
  const holder = current?.id ?? alias?.businessId;
  if (holder && holder !== ownBusinessId) throw slugTaken();
}

const slugTaken = () => new AppError("slug_taken", "Another business already uses this address. Choose another slug.", { fields: { slug: ["already used by another business"] } });
const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/** A member's agent in a business (every member can take chats): created on joining, reused on rejoining. */
export async function ensureMemberAgent(tx: DbClient, businessId: string, user: { id: string; name: string }, capacity?: number): Promise<void> {
  const business = capacity === undefined ? await tx.business.findUnique({ where: { id: businessId }, select: { settings: true } }) : null;
  await tx.agent.upsert({
    where: { businessId_userId: { businessId, userId: user.id } },
    create: { businessId, userId: user.id, kind: "HUMAN", displayName: user.name, capacity: capacity ?? defaultCapacity(business?.settings) },
    update: {},
  });
}

/**
 * A new business owned by `ownerUserId`, with its owner's membership and agent and the audit row,
 * in the caller's transaction. A taken slug is a 409 with the field named.
 */
export async function createOwnedBusiness(
  tx: DbClient,
  owner: { id: string; name: string },
  input: BusinessCreateInput,
  extraSettings: Record<string, unknown> = {},
): Promise<BusinessScope & { role: Role }> {
  const slug = input.slug ?? slugFromName(input.name);
  if (slug.length < 2) throw new AppError("validation_error", "Choose a slug for the business's public address.", { fields: { slug: ["needed: the name has no letters or digits to make one from"] } });
  await requireFreeSlug(tx, slug);
  const business = await tx.business.create({
    data: {
      slug,
      name: input.name,
      legalName: input.legal_name ?? input.name,
      timezone: input.timezone,
      currency: input.currency,
      settings: { routing: "manual", assistantEnabled: true, ...extraSettings } as Prisma.InputJsonObject,
    },
    select: { id: true },
  });
  await tx.membership.create({ data: { userId: owner.id, businessId: business.id, role: "OWNER" } });
  await ensureMemberAgent(tx, business.id, owner, DEFAULT_CAPACITY);
  await tx.auditLog.create({ data: { businessId: business.id, actorUserId: owner.id, action: "business.created", target: business.id, meta: { slug, name: input.name } } });
  return scopeOfMembership({ businessId: business.id, role: "OWNER" });
}

/** `POST /api/v1/admin/businesses`: an owner adds a business. */
export async function createBusinessForOwner(db: PrismaClient, userId: string, input: BusinessCreateInput): Promise<BusinessSettingsWire> {
  if (!(await canCreateBusinesses(db, userId))) throw new AppError("forbidden", "Only owners can create businesses. Ask an owner of your business.");
  try {
    return await db.$transaction(async (tx) => {
      const owner = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, name: true } });
      return loadBusinessSettings(tx, await createOwnedBusiness(tx, owner, input));
    });
  } catch (error) {
    // Two creations racing for one slug: the database's unique index decides.
    if (isUniqueViolation(error)) throw slugTaken();
    throw error;
  }
}

/** The columns and the settings keys a patch touches. */
function splitPatch(patch: BusinessSettingsPatch) {
  const columns: Prisma.BusinessUpdateInput = {};
  if (patch.name !== undefined) columns.name = patch.name;
  if (patch.legal_name !== undefined) columns.legalName = patch.legal_name;
  if (patch.timezone !== undefined) columns.timezone = patch.timezone;
  if (patch.currency !== undefined) columns.currency = patch.currency;
  const settings: Record<string, unknown> = {};
  if (patch.brand_color !== undefined) settings.brandColor = patch.brand_color;
  if (patch.logo_url !== undefined) settings.logoUrl = patch.logo_url;
  if (patch.routing !== undefined) settings.routing = patch.routing;
  if (patch.default_capacity !== undefined) settings.defaultCapacity = patch.default_capacity;
  return { columns, settings };
}

export interface BusinessSettingsChange {
  business: BusinessSettingsWire;
  /** The routing mode changed: chats waiting now may be assigned (or stay for claiming). */
  routingChanged: boolean;
}

/**
 * `PATCH /api/v1/admin/business`: one transaction for the columns, the settings keys, a slug change
 * (the old slug becomes an alias, so links to it keep working) and the audit row.
 */
export async function updateBusinessProfile(db: PrismaClient, scope: BusinessScope, actorUserId: string, patch: BusinessSettingsPatch): Promise<BusinessSettingsChange> {
  const { columns, settings } = splitPatch(patch);
  try {
    return await db.$transaction(async (tx) => {
      const [before] = await tx.$queryRaw<{ slug: string; settings: unknown }[]>`SELECT slug, settings FROM "Business" WHERE id = ${scope.businessId}::uuid FOR UPDATE`;
      if (!before) throw notFound("Business");
      if (patch.slug !== undefined && patch.slug !== before.slug) {
        await requireFreeSlug(tx, patch.slug, scope.businessId);
        // Its own former slug may come back: it stops being an alias.
        await tx.businessSlugAlias.deleteMany({ where: { slug: patch.slug } });
        await tx.businessSlugAlias.create({ data: { slug: before.slug, businessId: scope.businessId } });
        columns.slug = patch.slug;
      }
      if (Object.keys(columns).length) await tx.business.update({ where: { id: scope.businessId }, data: columns });
      if (Object.keys(settings).length) {
        await tx.$executeRaw`
          UPDATE "Business"
          SET settings = (CASE WHEN jsonb_typeof(settings) = 'object' THEN settings ELSE '{}'::jsonb END) || ${JSON.stringify(settings)}::jsonb
          WHERE id = ${scope.businessId}::uuid`;
      }
      await tx.auditLog.create({ data: { businessId: scope.businessId, actorUserId, action: "business.settings_updated", target: scope.businessId, meta: patch as Prisma.InputJsonObject } });
      return { business: await loadBusinessSettings(tx, scope), routingChanged: patch.routing !== undefined && patch.routing !== routing(before.settings) };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken();
    throw error;
  }
}

/** A business found by its public slug, or by a former one (old links keep working). */
export const withSlugOrFormerSlug = (slug: string) => ({ OR: [{ slug }, { slugAliases: { some: { slug } } }] }) satisfies Prisma.BusinessWhereInput;

/** The businesses a user manages (OWNER/ADMIN), for the settings pages' switcher. */
export async function managedBusinesses(db: PrismaClient, userId: string) {
  return (await listMemberships(db, userId)).filter((m) => m.role === "OWNER" || m.role === "ADMIN");
}
