import type { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { verifyAuthSession, type VerifiedStaff } from "./auth-sessions.server";
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
  scope: BusinessScope & { role: Role };
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
export const accepted = (body: unknown) => new StaffReply(202, body);

/** The handler's result as JSON (never cached), or its error as the API's error body. A Response (a file download) is sent as it is. */
async function jsonReply(run: () => Promise<unknown>): Promise<Response> {
  try {
    const result = await run();
    if (result instanceof Response) return result;
    const reply = result instanceof StaffReply ? result : new StaffReply(200, result);
    return Response.json(reply.body, { status: reply.status, headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}

/** The signed-in staff user behind a request (cookie or Bearer JWT); a signed-out, expired or deleted user's token is refused. */
async function requireStaff(req: NextRequest, db: PrismaClient): Promise<VerifiedStaff> {
  const staff = await verifyAuthSession(db, await getToken({ req, secret: process.env.NEXTAUTH_SECRET }));
  if (!staff) throw new AppError("unauthorized", "Sign in first.");
  return staff;
}

/**
 * The single wrapper for staff route handlers: session (cookie or Bearer JWT) → business
 * (`?company_id=`, membership checked; a foreign business is a 404) → role → handler → JSON.
 */
export function withStaffBusiness<P>(handler: (ctx: StaffRequestContext<P>) => Promise<unknown>, options: StaffRouteOptions = {}) {
  return (req: NextRequest, context: { params: Promise<P> }): Promise<Response> =>
    jsonReply(async () => {
      const db = getPrisma();
      const staff = await requireStaff(req, db);
      const companyId = req.nextUrl.searchParams.get("company_id") ?? undefined;
      const { scope } = await resolveBusiness(db, staff.userId, companyId);
      requireRole(scope.role, options.roles);
      return handler({ req, db, userId: staff.userId, scope, params: await context.params });
    });
}

export interface StaffUserContext {
  req: NextRequest;
  db: PrismaClient;
  staff: VerifiedStaff;
}

/** For staff routes about the user themselves, not one business (their account, their list of businesses). */
export function withStaffUser(handler: (ctx: StaffUserContext) => Promise<unknown>) {
  return (req: NextRequest): Promise<Response> =>
    jsonReply(async () => {
      const db = getPrisma();
      return handler({ req, db, staff: await requireStaff(req, db) });
    });
}

/** For the public routes of first run, invitations and password resets (no session; the origin guard still applies). */
export function withPublicRoute(handler: (ctx: { req: NextRequest; db: PrismaClient }) => Promise<unknown>) {
  return (req: NextRequest): Promise<Response> => jsonReply(() => handler({ req, db: getPrisma() }));
}
