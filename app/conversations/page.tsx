import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConversationFilters } from "@/components/conversations/conversation-filters";
import { ConversationResults } from "@/components/conversations/conversation-results";
import { StaffHeader } from "@/components/ui/staff-header";
import { textLinkClass } from "@/components/ui/text-link";
import { requireUser } from "@/lib/auth/current-user.server";
import { filterQuery } from "@/lib/contract/conversations";
import { loadConversationsPage } from "@/lib/conversations/conversations-page.server";
import { getPrisma } from "@/lib/db/prisma-client.server";

export const metadata: Metadata = { title: "Conversations" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Every conversation of the business: search and filters in the address (shareable, back/forward), first paint from the database. */
export default async function ConversationsPage({ searchParams }: { searchParams: SearchParams }) {
  const query = await searchParams;
  const address = new URLSearchParams(Object.entries(query).flatMap(([key, value]) => [value ?? []].flat().map((v) => [key, v]))).toString();
  const user = await requireUser(address ? `/conversations?${address}` : "/conversations");
  const page = await loadConversationsPage(getPrisma(), user.id, query);
  if (!page) notFound();
  const { business, filter, results } = page;
  const { cursor, ...filters } = filter;
  const withCompany = (params: URLSearchParams) => {
    params.set("company_id", business.id);
    return params.toString();
  };
  const olderHref = results.next_cursor ? `/conversations?${withCompany(filterQuery({ ...filters, cursor: results.next_cursor }))}` : null;
  const exportHref = `/api/v1/admin/conversations/export.csv?${withCompany(filterQuery(filters))}`;
  return (
    <div className="min-h-screen">
      <StaffHeader current="/conversations" business={business} businesses={page.businesses} isDemo={business.isDemo} />
      <main className="mx-auto flex max-w-4xl flex-col gap-4 px-4 py-6">
        <div>
          <h1 className="text-2xl font-semibold">Conversations</h1>
          <p className="mt-1 text-sm text-slate-600">Every conversation of {business.name}, newest first. Search finds words in any message; filters narrow the list.</p>
        </div>
        <ConversationFilters key={filterQuery(filters).toString()} companyId={business.id} filter={filter} agents={page.agents} tags={page.tags} />
        {page.filterError ? (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
            {page.filterError}
          </p>
        ) : null}
        <section aria-labelledby="results-heading" className="flex flex-col gap-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="results-heading" className="text-lg font-semibold">
              {filter.q ? `Results for “${filter.q}”` : "Results"}
              {cursor ? <span className="text-sm font-normal text-slate-600"> (older)</span> : null}
            </h2>
            {business.canExport ? (
              <a href={exportHref} download className={`${textLinkClass} text-sm`}>
                Export these conversations (CSV)
              </a>
            ) : null}
          </div>
          <ConversationResults conversations={results.conversations} companyId={business.id} timeZone={business.timeZone} searching={Boolean(filter.q)} />
          {olderHref || cursor ? (
            <nav aria-label="Pages" className="flex flex-wrap gap-4 text-sm">
              {cursor ? (
                <Link href={`/conversations?${withCompany(filterQuery(filters))}`} className={textLinkClass}>
                  Newest
                </Link>
              ) : null}
              {olderHref ? (
                <Link href={olderHref} className={textLinkClass}>
                  Older conversations
                </Link>
              ) : null}
            </nav>
          ) : null}
        </section>
      </main>
    </div>
  );
}
