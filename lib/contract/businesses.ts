/**
 * Businesses as their owners set them up: the first-run body, a new business, the settings page
 * (profile, routing, look). Universal: the server validates with these, the forms reuse them.
 */
import { z } from "zod";
import { passwordField, requireStrongPassword } from "./passwords";

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;
export const BUSINESS_BODY_MAX_BYTES = 16 * 1024;
export const MAX_CAPACITY = 50;

const trimmed = (name: string, max: number) => z.string().trim().min(1, `${name} must not be empty`).max(max, `${name} must be at most ${max} characters`);

export const slugField = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, "slug must be at least 2 characters")
  .max(48, "slug must be at most 48 characters")
  .regex(SLUG_PATTERN, "slug may hold only a-z, 0-9 and dashes, not at either end");

/** An IANA time zone this runtime knows (Intl is the authority on both sides). */
export const timezoneField = z
  .string()
  .max(64)
  .refine((zone) => isTimeZone(zone), { message: "must be an IANA time zone such as Europe/Berlin" });

/** An ISO 4217 currency code. */
export const currencyField = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "must be a three-letter currency code such as EUR")
  .refine((code) => isCurrency(code), { message: "is not a known currency code" });

export const emailField = z.string().trim().toLowerCase().max(254, "email must be at most 254 characters").email("must be an email address");
export const personName = trimmed("name", 100);
export const businessName = trimmed("name", 100);

export const brandColorField = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, "must be a colour such as #2563eb")
  .transform((value) => value.toLowerCase());
export const logoUrlField = z
  .string()
  .trim()
  .max(500, "logo_url must be at most 500 characters")
  .url("must be an https URL")
  .refine((value) => value.startsWith("https://"), { message: "must be an https URL" });

export const routingModeField = z.enum(["manual", "auto"], { message: "must be manual or auto" });
export const capacityField = z.number().int("must be a whole number").min(1, "must be at least 1").max(MAX_CAPACITY, `must be at most ${MAX_CAPACITY}`);

/** Suggests a slug from a business name (the form fills it in; the owner may change it). */
export function slugFromName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/g, "");
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

export function isCurrency(code: string): boolean {
  try {
    return typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("currency").includes(code) : new Intl.NumberFormat("en", { style: "currency", currency: code }).format(1).length > 0;
  } catch {
    return false;
  }
}

const businessFields = {
  name: businessName,
  slug: slugField.optional(),
  legal_name: trimmed("legal_name", 200).optional(),
  timezone: timezoneField,
  currency: currencyField,
};

/** `POST /api/v1/admin/businesses`: another business, owned by whoever creates it. */
export const businessCreateBody = z.object(businessFields).strict();
export type BusinessCreateInput = z.infer<typeof businessCreateBody>;

/** `POST /api/v1/setup`: the first owner and the first business of an empty installation. */
export const setupBody = z
  .object({
    name: personName,
    email: emailField,
    password: passwordField,
    business: businessCreateBody,
  })
  .strict()
  .superRefine(requireStrongPassword("password", (input) => ({ email: input.email, name: input.name })));
export type SetupInput = z.infer<typeof setupBody>;

export interface SetupDoneWire {
  user_id: string;
  business_id: string;
}

/** `PATCH /api/v1/admin/business`: any subset of the business's settings. */
export const businessSettingsPatch = z
  .object({
    name: businessName.optional(),
    legal_name: trimmed("legal_name", 200).optional(),
    slug: slugField.optional(),
    timezone: timezoneField.optional(),
    currency: currencyField.optional(),
    brand_color: brandColorField.optional(),
    logo_url: logoUrlField.nullable().optional(),
    routing: routingModeField.optional(),
    default_capacity: capacityField.optional(),
  })
  .strict()
  .refine((input) => Object.keys(input).length > 0, { message: "send at least one setting" });
export type BusinessSettingsPatch = z.infer<typeof businessSettingsPatch>;

export const DEFAULT_BRAND_COLOR = "#2563eb";
export const DEFAULT_CAPACITY = 3;

/** A business's settings as the settings page and `GET /api/v1/admin/business` show them. */
export interface BusinessSettingsWire {
  id: string;
  slug: string;
  name: string;
  legal_name: string;
  timezone: string;
  currency: string;
  brand_color: string;
  logo_url: string | null;
  routing: "manual" | "auto";
  default_capacity: number;
  assistant_enabled: boolean;
  allowed_origins: string[];
  /** Former slugs whose public links still lead here. */
  previous_slugs: string[];
  /** Made by the demo seed (shown with a "Demo data" badge). */
  is_demo: boolean;
}

export interface BusinessSummaryWire {
  id: string;
  slug: string;
  name: string;
  role: "OWNER" | "ADMIN" | "AGENT";
  is_demo: boolean;
}
