import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SettingsDenied } from "@/components/settings/settings-denied";
import { TeamSettings } from "@/components/settings/team-settings";
import { requireStaffPage, type CompanySearchParams } from "@/lib/auth/current-user.server";
import { getPrisma } from "@/lib/db/prisma-client.server";
import { loadTeamPage } from "@/lib/team/settings-pages.server";

export const metadata: Metadata = { title: "Team" };
export const dynamic = "force-dynamic";

export default async function TeamPage({ searchParams }: { searchParams: CompanySearchParams }) {
  const { user, companyId } = await requireStaffPage("/settings/team", searchParams);
  // First paint from the database (memberships too, not the JWT); a foreign business looks missing.
  const page = await loadTeamPage(getPrisma(), user.id, companyId);
  if (!page) notFound();
  if (page.access === "denied") return <SettingsDenied title="Team" businessName={page.businessName} current="/settings/team" what="its team" />;
  return <TeamSettings key={page.business.id} businesses={page.businesses} business={page.business} team={page.team} meId={user.id} />;
}
