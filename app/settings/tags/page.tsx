import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SettingsDenied } from "@/components/settings/settings-denied";
import { TagSettings } from "@/components/tags/tag-settings";
import { requireStaffPage, type CompanySearchParams } from "@/lib/auth/current-user.server";
import { getPrisma } from "@/lib/db/prisma-client.server";
import { loadTagsPage } from "@/lib/tags/tags-page.server";

export const metadata: Metadata = { title: "Tags" };
export const dynamic = "force-dynamic";

export default async function TagsPage({ searchParams }: { searchParams: CompanySearchParams }) {
  const { user, companyId } = await requireStaffPage("/settings/tags", searchParams);
  // First paint from the database (memberships too, not the JWT); a foreign business looks missing.
  const page = await loadTagsPage(getPrisma(), user.id, companyId);
  if (!page) notFound();
  if (page.access === "denied") return <SettingsDenied title="Tags" businessName={page.businessName} current="/settings/tags" what="its tag list (every member tags chats from the workspace)" />;
  return <TagSettings key={page.business.id} businesses={page.businesses} business={page.business} initialTags={page.tags} />;
}
