import type { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { getPrisma, type PrismaClient } from "../db/prisma-client.server";
import { AppError } from "../errors/app-error";
import { resolveBusiness } from "../orchestration/resolve-business.server";
import type { BusinessScope } from "../tenancy/memberships.server";
import { errorResponse } from "./error-response";

export interface StaffRequestContext<P> {
  req: NextRequest;
  db: PrismaClient;
  userId: string;
  scope: BusinessScope;
  params: P;
}

/**
 * The single wrapper for staff route handlers: session (cookie or Bearer JWT) → business
 * (`?company_id=`, membership checked; a foreign business is a 404) → handler → JSON.
 */
export function withStaffBusiness<P>(handler: (ctx: StaffRequestContext<P>) => Promise<unknown>) {
  return async (req: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const token = await getToken({ req, secret: process.env.NEXTAUTH_SECRET });
      if (!token?.uid) throw new AppError("unauthorized", "Sign in first.");
      const db = getPrisma();
      const companyId = req.nextUrl.searchParams.get("company_id") ?? undefined;
      const { businessId } = await resolveBusiness(db, token.uid, companyId);
      const body = await handler({ req, db, userId: token.uid, scope: { businessId }, params: await context.params });
      return Response.json(body, { headers: { "cache-control": "no-store" } });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
