import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ConversationView } from "@/components/conversations/conversation-view";
import { StaffHeader } from "@/components/ui/staff-header";
import { requireUser } from "@/lib/auth/current-user.server";
import { loadConversationPage } from "@/lib/conversations/conversations-page.server";
import { getPrisma } from "@/lib/db/prisma-client.server";

export const metadata: Metadata = { title: "Conversation" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** One conversation of the business: transcript with the team's notes, timeline, transcript downloads for owners and admins. */
export default async function ConversationPage({ params, searchParams }: Props) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const companyId = typeof query.company_id === "string" ? query.company_id : undefined;
  const user = await requireUser(`/conversations/${encodeURIComponent(id)}${companyId ? `?company_id=${encodeURIComponent(companyId)}` : ""}`);
  const page = await loadConversationPage(getPrisma(), user.id, id, query);
  if (!page) notFound();
  return (
    <div className="min-h-screen">
      <StaffHeader current="/conversations" business={page.business} businesses={page.businesses} isDemo={page.business.isDemo} />
      <ConversationView detail={page.detail} companyId={page.business.id} timeZone={page.business.timeZone} canExport={page.business.canExport} />
    </div>
  );
}
