import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SettingsDenied } from "@/components/settings/settings-denied";
import { WebhookSettings } from "@/components/webhooks/webhook-settings";
import { requireStaffPage, type CompanySearchParams } from "@/lib/auth/current-user.server";
import { getPrisma } from "@/lib/db/prisma-client.server";
import { loadWebhooksPage } from "@/lib/webhooks/webhooks-page.server";

export const metadata: Metadata = { title: "Webhooks" };
export const dynamic = "force-dynamic";

export default async function WebhooksPage({ searchParams }: { searchParams: CompanySearchParams }) {
  const { user, companyId } = await requireStaffPage("/settings/webhooks", searchParams);
  // First paint from the database (memberships too, not the JWT); a foreign business looks missing.
  const page = await loadWebhooksPage(getPrisma(), user.id, companyId);
  if (!page) notFound();
  if (page.access === "denied") return <SettingsDenied title="Webhooks" businessName={page.businessName} current="/settings/webhooks" what="its webhooks" />;
  return <WebhookSettings key={page.business.id} businesses={page.businesses} business={page.business} initialEndpoints={page.endpoints} />;
}
