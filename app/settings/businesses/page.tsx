import type { Metadata } from "next";
import { BusinessDirectory } from "@/components/settings/business-directory";
import { requireUser } from "@/lib/auth/current-user.server";
import { getPrisma } from "@/lib/db/prisma-client.server";
import { canCreateBusinesses, loadBusinessList } from "@/lib/team/settings-pages.server";

export const metadata: Metadata = { title: "Your businesses" };
export const dynamic = "force-dynamic";

export default async function BusinessesPage() {
  const user = await requireUser("/settings/businesses");
  const [businesses, canCreate] = await Promise.all([loadBusinessList(getPrisma(), user.id), canCreateBusinesses(getPrisma(), user.id)]);
  return <BusinessDirectory businesses={businesses} canCreate={canCreate} />;
}
