import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BusinessSettings } from "@/components/settings/business-settings";
import { SettingsDenied } from "@/components/settings/settings-denied";
import { requireStaffPage, type CompanySearchParams } from "@/lib/auth/current-user.server";
import { getPrisma } from "@/lib/db/prisma-client.server";
import { loadSettingsPage } from "@/lib/team/settings-pages.server";

export const metadata: Metadata = { title: "Settings" };
export const dynamic = "force-dynamic";

export default async function SettingsPage({ searchParams }: { searchParams: CompanySearchParams }) {
  const { user, companyId } = await requireStaffPage("/settings", searchParams);
  // First paint from the database (memberships too, not the JWT); a foreign business looks missing.
  const page = await loadSettingsPage(getPrisma(), user.id, companyId);
  if (!page) notFound();
  if (page.access === "denied") return <SettingsDenied title="Settings" businessName={page.businessName} current="/settings" what="its settings" />;
  return <BusinessSettings key={page.business.id} businesses={page.businesses} business={page.business} />;
}
