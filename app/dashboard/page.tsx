import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireStaffPage, type CompanySearchParams } from "@/lib/auth/current-user.server";
import { loadDashboardSnapshot } from "@/lib/dashboard/dashboard-snapshot.server";
import { getPrisma } from "@/lib/db/prisma-client.server";
import { loadBusinessList } from "@/lib/team/settings-pages.server";
import { DashboardClient } from "./dashboard-client";

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

export default async function DashboardPage({ searchParams }: { searchParams: CompanySearchParams }) {
  const { user, companyId } = await requireStaffPage("/dashboard", searchParams);
  // First paint from the database (memberships too, not the JWT); the socket's orchestration takes over.
  const [snapshot, businesses] = await Promise.all([loadDashboardSnapshot(getPrisma(), user.id, companyId), loadBusinessList(getPrisma(), user.id)]);
  // A business asked for that is not the user's looks like one that does not exist.
  if (companyId && !snapshot) notFound();
  const demoBusinessIds = businesses.filter((business) => business.is_demo).map((business) => business.id);
  return <DashboardClient user={{ name: user.name, email: user.email }} snapshot={snapshot} demoBusinessIds={demoBusinessIds} />;
}
