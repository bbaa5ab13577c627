import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getPrisma } from "@/lib/db/prisma-client.server";
import { findPublicArticle } from "@/lib/knowledge/articles.server";
import { articleParagraphs } from "@/lib/contract/knowledge";

export const dynamic = "force-dynamic";

type Params = Promise<{ business: string; article: string }>;

// Metadata and the page ask for the same article: one query per request.
const loadArticle = cache((slug: string, articleId: string) => findPublicArticle(getPrisma(), slug, articleId));

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { business, article: articleId } = await params;
  const article = await loadArticle(business, articleId);
  return { title: article ? `${article.title} · ${article.businessName} help` : "Article not found" };
}

/** A help article as the public reads it (linked from the assistant's chat answers): no login. */
export default async function HelpArticlePage({ params }: { params: Params }) {
  const { business, article: articleId } = await params;
  const article = await loadArticle(business, articleId);
  if (!article) notFound();
  return (
    <main className="min-h-dvh bg-slate-100 px-4 py-8">
      <article className="mx-auto max-w-2xl rounded-lg bg-white p-6 shadow-sm">
        <p className="text-sm text-slate-600">{article.businessName} help</p>
        <h1 className="mt-1 break-words text-2xl font-semibold">{article.title}</h1>
        <div className="mt-4 flex flex-col gap-4 break-words leading-relaxed text-slate-800">
          {articleParagraphs(article.body).map((paragraph, index) => (
            <p key={index} className="whitespace-pre-line">
              {paragraph}
            </p>
          ))}
        </div>
        <p className="mt-8 text-sm">
          <Link href={`/chat/${encodeURIComponent(business)}`} className="rounded font-medium text-brand-700 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40">
            Still need help? Chat with {article.businessName}
          </Link>
        </p>
      </article>
    </main>
  );
}
