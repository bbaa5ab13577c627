import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { HoursSettings } from "@/components/hours/hours-settings";
import { SettingsDenied } from "@/components/settings/settings-denied";
import { requireStaffPage, type CompanySearchParams } from "@/lib/auth/current-user.server";
import { getPrisma } from "@/lib/db/prisma-client.server";
import { loadHoursPage } from "@/lib/hours/hours-page.server";

export const metadata: Metadata = { title: "Business hours" };
export const dynamic = "force-dynamic";

export default async function BusinessHoursPage({ searchParams }: { searchParams: CompanySearchParams }) {
  const { user, companyId } = await requireStaffPage("/settings/hours", searchParams);
  // First paint from the database (memberships too, not the JWT); a foreign business looks missing.
  const page = await loadHoursPage(getPrisma(), user.id, companyId);
  if (!page) notFound();
  if (page.access === "denied") return <SettingsDenied title="Business hours" businessName={page.businessName} current="/settings/hours" what="its business hours" />;
  return <HoursSettings key={page.business.id} businesses={page.businesses} business={page.business} initial={page.hours} />;
}
