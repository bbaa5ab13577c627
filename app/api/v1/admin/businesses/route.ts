import { created, withStaffUser } from "@/lib/auth/staff-route.server";
import { parseInput } from "@/lib/errors/parse-input";
import { readJsonBody } from "@/lib/http/json-body.server";
import { BUSINESS_BODY_MAX_BYTES, businessCreateBody } from "@/lib/contract/businesses";
import { createBusinessForOwner, listBusinessSummaries } from "@/lib/tenancy/businesses.server";

export const dynamic = "force-dynamic";

export const GET = withStaffUser(async ({ db, staff }) => ({ businesses: await listBusinessSummaries(db, staff.userId) }));

export const POST = withStaffUser(async ({ req, db, staff }) => {
  const input = parseInput(businessCreateBody, await readJsonBody(req, BUSINESS_BODY_MAX_BYTES));
  return created(await createBusinessForOwner(db, staff.userId, input));
});
