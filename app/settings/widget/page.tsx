import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SettingsDenied } from "@/components/settings/settings-denied";
import { WidgetSettings } from "@/components/widget/widget-settings";
import { requireStaffPage, type CompanySearchParams } from "@/lib/auth/current-user.server";
import { getPrisma } from "@/lib/db/prisma-client.server";
import { loadWidgetPage } from "@/lib/widget/widget-page.server";

export const metadata: Metadata = { title: "Widget" };
export const dynamic = "force-dynamic";

export default async function WidgetSettingsPage({ searchParams }: { searchParams: CompanySearchParams }) {
  const { user, companyId } = await requireStaffPage("/settings/widget", searchParams);
  // First paint from the database (memberships too, not the JWT); a foreign business looks missing.
  const page = await loadWidgetPage(getPrisma(), user.id, companyId);
  if (!page) notFound();
  if (page.access === "denied") return <SettingsDenied title="Widget" businessName={page.businessName} current="/settings/widget" what="its chat widget and identity secret" />;
  return <WidgetSettings key={page.business.id} businesses={page.businesses} business={page.business} identity={page.identity} scriptUrl={page.scriptUrl} />;
}
