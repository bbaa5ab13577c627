import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SavedRepliesSettings } from "@/components/settings/saved-replies-settings";
import { SettingsDenied } from "@/components/settings/settings-denied";
import { requireStaffPage, type CompanySearchParams } from "@/lib/auth/current-user.server";
import { getPrisma } from "@/lib/db/prisma-client.server";
import { loadSavedRepliesPage } from "@/lib/replies/saved-replies-page.server";

export const metadata: Metadata = { title: "Saved replies" };
export const dynamic = "force-dynamic";

export default async function SavedRepliesPage({ searchParams }: { searchParams: CompanySearchParams }) {
  const { user, companyId } = await requireStaffPage("/settings/saved-replies", searchParams);
  // First paint from the database (memberships too, not the JWT); a foreign business looks missing.
  const page = await loadSavedRepliesPage(getPrisma(), user.id, companyId);
  if (!page) notFound();
  if (page.access === "denied")
    return <SettingsDenied title="Saved replies" businessName={page.businessName} current="/settings/saved-replies" what="its saved replies (agents use them from the reply box)" />;
  return <SavedRepliesSettings key={page.business.id} businesses={page.businesses} business={page.business} initialReplies={page.replies} />;
}
