import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { KnowledgeBase } from "@/components/knowledge/knowledge-base";
import { StaffNav } from "@/components/ui/staff-nav";
import { requireStaffPage, type CompanySearchParams } from "@/lib/auth/current-user.server";
import { getPrisma } from "@/lib/db/prisma-client.server";
import { loadKnowledgePage } from "@/lib/knowledge/knowledge-page.server";
import { loadBusinessList } from "@/lib/team/settings-pages.server";

export const metadata: Metadata = { title: "Knowledge base" };
export const dynamic = "force-dynamic";

export default async function KnowledgePage({ searchParams }: { searchParams: CompanySearchParams }) {
  const { user, companyId } = await requireStaffPage("/knowledge", searchParams);
  // First paint from the database (memberships too, not the JWT); a foreign business looks missing.
  const [page, allBusinesses] = await Promise.all([loadKnowledgePage(getPrisma(), user.id, companyId), loadBusinessList(getPrisma(), user.id)]);
  if (!page) notFound();
  if (page.access === "denied") {
    return (
      <main className="mx-auto flex max-w-2xl flex-col gap-4 px-4 py-10">
        <h1 className="text-2xl font-semibold">Knowledge base</h1>
        <p className="text-slate-700">Only owners and admins of a business can manage its knowledge base and assistant. Ask one of them to make a change.</p>
        <div className="flex flex-wrap items-center gap-3">
          <StaffNav current="/knowledge" />
          <SignOutButton />
        </div>
      </main>
    );
  }
  const isDemo = allBusinesses.some((b) => b.id === page.business.id && b.is_demo);
  return <KnowledgeBase key={page.business.id} businesses={page.businesses} business={page.business} initialArticles={page.articles} initialAssistant={page.assistant} isDemo={isDemo} />;
}
