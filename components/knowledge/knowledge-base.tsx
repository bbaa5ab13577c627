"use client";

import { useRouter } from "next/navigation";
import { useMemo, useRef, useState } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { BusinessSwitcher } from "@/components/ui/business-switcher";
import { knowledgeApi } from "@/lib/knowledge/api.client";
import { helpArticlePath, type ArticleInput, type AssistantSettingsWire, type KnowledgeArticleWire } from "@/lib/contract/knowledge";
import { ArticleForm } from "./article-form";
import { ArticleItem } from "./article-item";
import { AssistantSwitch } from "./assistant-switch";
import { StaffNav } from "@/components/ui/staff-nav";

interface Business {
  id: string;
  slug: string;
  name: string;
}

interface Props {
  businesses: Business[];
  business: Business;
  initialArticles: KnowledgeArticleWire[];
  initialAssistant: AssistantSettingsWire;
}

const byTitle = (a: KnowledgeArticleWire, b: KnowledgeArticleWire) => a.title.localeCompare(b.title);

/** The /knowledge page of one business: the assistant switch and the articles it answers from. */
export function KnowledgeBase({ businesses, business, initialArticles, initialAssistant }: Props) {
  const router = useRouter();
  const api = useMemo(() => knowledgeApi(business.id), [business.id]);
  const [articles, setArticles] = useState(initialArticles);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  const replace = (article: KnowledgeArticleWire) => setArticles((current) => [...current.filter((a) => a.id !== article.id), article].sort(byTitle));
  // Re-render the server paint too, so coming back to this page (browser Back) shows the change.
  const changed = (message: string) => {
    setAnnouncement(message);
    router.refresh();
  };

  async function create(input: ArticleInput) {
    const article = await api.createArticle(input);
    replace(article);
    changed(`Added “${article.title}”.`);
  }

  async function update(id: string, input: ArticleInput) {
    const article = await api.updateArticle(id, input);
    replace(article);
    changed(`Saved “${article.title}”.`);
  }

  async function remove(article: KnowledgeArticleWire) {
    await api.deleteArticle(article.id);
    setArticles((current) => current.filter((a) => a.id !== article.id));
    changed(`Deleted “${article.title}”.`);
    // The focused button is gone with its article.
    listHeading.current?.focus();
  }

  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-4xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div className="flex min-w-0 items-center gap-3">
            <span className="text-lg font-semibold">Switchboard</span>
            {businesses.length > 1 ? (
              <BusinessSwitcher businesses={businesses} value={business.id} onChange={(id) => router.push(`/knowledge?company_id=${encodeURIComponent(id)}`)} showLabel={false} />
            ) : (
              <span className="truncate text-sm text-slate-600">{business.name}</span>
            )}
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <StaffNav current="/knowledge" />
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto flex max-w-4xl flex-col gap-6 px-4 py-6">
        <div>
          <h1 className="text-2xl font-semibold">Knowledge base</h1>
          <p className="mt-1 text-sm text-slate-600">
            The articles {business.name}&apos;s assistant answers customers from. Each one also has a public page the assistant links in its answers.
          </p>
        </div>
        <section aria-labelledby="assistant-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id="assistant-heading" className="mb-3 text-lg font-semibold">
            Assistant
          </h2>
          <AssistantSwitch api={api} initialEnabled={initialAssistant.enabled} />
        </section>
        <section aria-labelledby="new-article-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id="new-article-heading" className="mb-3 text-lg font-semibold">
            New article
          </h2>
          <ArticleForm submitLabel="Add article" onSubmit={create} />
        </section>
        <section aria-labelledby="articles-heading">
          <h2 id="articles-heading" ref={listHeading} tabIndex={-1} className="mb-3 rounded text-lg font-semibold focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40">
            Articles ({articles.length})
          </h2>
          <p role="status" className="sr-only">
            {announcement}
          </p>
          {articles.length === 0 ? (
            <p className="text-sm text-slate-600">No articles yet: the assistant hands every chat to a person until there are some.</p>
          ) : (
            <ul aria-labelledby="articles-heading" className="flex flex-col gap-3">
              {articles.map((article) => (
                <ArticleItem
                  key={article.id}
                  article={article}
                  publicPath={helpArticlePath(business.slug, article.id)}
                  onSave={(input) => update(article.id, input)}
                  onDelete={() => remove(article)}
                />
              ))}
            </ul>
          )}
        </section>
      </main>
    </div>
  );
}
