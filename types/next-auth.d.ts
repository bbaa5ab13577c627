import type { MembershipSummary } from "../lib/tenancy/memberships.server";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string; memberships: MembershipSummary[] };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid: string;
    /** The AuthSession row of this sign-in: refused everywhere once it is gone. */
    sid?: string;
    memberships?: MembershipSummary[];
  }
}
