import type { MembershipSummary } from "../lib/tenancy/memberships.server";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string; memberships: MembershipSummary[] };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid: string;
    memberships?: MembershipSummary[];
  }
}
