import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { cache } from "react";
import { CustomerChat } from "@/components/chat/customer-chat";
import { findPublicBusiness } from "@/lib/chat/public-business.server";
import { getPrisma } from "@/lib/db/prisma-client.server";

export const dynamic = "force-dynamic";

type Params = Promise<{ business: string }>;

// Metadata and the page ask for the same business: one query per request.
const loadBusiness = cache((slug: string) => findPublicBusiness(getPrisma(), slug));

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const business = await loadBusiness((await params).business);
  return { title: business ? `Chat with ${business.name}` : "Chat not found" };
}

/** The public chat page a business links from its site (or embeds in an iframe): no login. */
export default async function ChatPage({ params }: { params: Params }) {
  const slug = (await params).business;
  const business = await loadBusiness(slug);
  if (!business) notFound();
  // A former slug: its links keep working by moving to the business's current address.
  if (business.slug !== slug) permanentRedirect(`/chat/${encodeURIComponent(business.slug)}`);
  return (
    <main className="min-h-dvh bg-slate-100">
      <CustomerChat business={{ slug: business.slug, name: business.name, brandColor: business.brandColor, logoUrl: business.logoUrl }} />
    </main>
  );
}
