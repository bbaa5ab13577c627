import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/current-user.server";
import { getPrisma } from "@/lib/db/prisma-client.server";
import { listMemberships } from "@/lib/tenancy/memberships.server";
import { DashboardClient } from "./dashboard-client";

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

export default async function DashboardPage() {
  const user = await requireUser("/dashboard");
  // Memberships come from the database, not the JWT, so a revoked membership disappears at once.
  const memberships = await listMemberships(getPrisma(), user.id);
  return <DashboardClient user={{ name: user.name, email: user.email }} memberships={memberships} />;
}
