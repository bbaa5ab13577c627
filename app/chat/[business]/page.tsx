import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { cache } from "react";
import { CustomerChat } from "@/components/chat/customer-chat";
import { findPublicBusiness } from "@/lib/chat/public-business.server";
import { getPrisma } from "@/lib/db/prisma-client.server";
import { normalizeOrigin } from "@/lib/contract/origins";
import { HOST_ORIGIN_PARAM } from "@/lib/widget/embed-protocol";

export const dynamic = "force-dynamic";

type Params = Promise<{ business: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// Metadata and the page ask for the same business: one query per request.
const loadBusiness = cache((slug: string) => findPublicBusiness(getPrisma(), slug));

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const business = await loadBusiness((await params).business);
  return { title: business ? `Chat with ${business.name}` : "Chat not found" };
}

/**
 * The public chat page a business links from its site (or embeds in an iframe): no login.
 * `?embed=1&host_origin=<origin>` is the widget's frame (lib/widget/loader.ts): compact, and it
 * talks to the page on that origin only.
 */
export default async function ChatPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const slug = (await params).business;
  const query = await searchParams;
  const embed = query.embed === "1" ? { hostOrigin: typeof query[HOST_ORIGIN_PARAM] === "string" ? normalizeOrigin(query[HOST_ORIGIN_PARAM]) : null } : undefined;
  const business = await loadBusiness(slug);
  if (!business) notFound();
  // A former slug: its links keep working by moving to the business's current address (the widget's frame too).
  if (business.slug !== slug) {
    const kept = embed ? `?${new URLSearchParams({ embed: "1", ...(embed.hostOrigin ? { [HOST_ORIGIN_PARAM]: embed.hostOrigin } : {}) })}` : "";
    permanentRedirect(`/chat/${encodeURIComponent(business.slug)}${kept}`);
  }
  return (
    <main className={embed ? "h-dvh bg-white" : "min-h-dvh bg-slate-100"}>
      <CustomerChat business={{ slug: business.slug, name: business.name, brandColor: business.brandColor, logoUrl: business.logoUrl }} desk={business.desk} embed={embed} />
    </main>
  );
}
