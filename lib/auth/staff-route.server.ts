import type { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { verifyAuthSession } from "./auth-sessions.server";
import { getPrisma, type PrismaClient } from "../db/prisma-client.server";
import type { Role } from "../db/generated/enums";
import { AppError } from "../errors/app-error";
import { resolveBusiness } from "../tenancy/resolve-business.server";
import { requireRole, type BusinessScope } from "../tenancy/memberships.server";
import { errorResponse } from "../http/error-response";

export interface StaffRequestContext<P> {
  req: NextRequest;
  db: PrismaClient;
  userId: string;
  scope: BusinessScope;
  params: P;
}

export interface StaffRouteOptions {
  /** Roles allowed to call the route (default: any member). Another member gets 403 `forbidden`. */
  roles?: readonly Role[];
}

/** A handler's answer with a status other than 200 (e.g. 201 Created). */
export class StaffReply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

export const created = (body: unknown) => new StaffReply(201, body);

/**
 * The single wrapper for staff route handlers: session (cookie or Bearer JWT) → business
 * (`?company_id=`, membership checked; a foreign business is a 404) → role → handler → JSON.
 */
export function withStaffBusiness<P>(handler: (ctx: StaffRequestContext<P>) => Promise<unknown>, options: StaffRouteOptions = {}) {
  return async (req: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const db = getPrisma();
      // A signed-out, expired or deleted user's token is refused here, not only when it expires.
      const staff = await verifyAuthSession(db, await getToken({ req, secret: process.env.NEXTAUTH_SECRET }));
      if (!staff) throw new AppError("unauthorized", "Sign in first.");
      const companyId = req.nextUrl.searchParams.get("company_id") ?? undefined;
      const { scope } = await resolveBusiness(db, staff.userId, companyId);
      requireRole(scope.role, options.roles);
      const result = await handler({ req, db, userId: staff.userId, scope, params: await context.params });
      const reply = result instanceof StaffReply ? result : new StaffReply(200, result);
      return Response.json(reply.body, { status: reply.status, headers: { "cache-control": "no-store" } });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
