"use client";

import { useRouter } from "next/navigation";
import { useMemo, useRef, useState, type RefObject } from "react";
import { Card } from "@/components/ui/card";
import { StaffHeader } from "@/components/ui/staff-header";
import { knowledgeApi, type KnowledgeApi } from "@/lib/knowledge/api.client";
import { helpArticlePath, type ArticleInput, type AssistantSettingsWire, type KnowledgeArticleWire } from "@/lib/contract/knowledge";
import { ArticleForm } from "./article-form";
import { ArticleItem } from "./article-item";
import { AssistantSwitch } from "./assistant-switch";

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
  /** Made by the demo seed: the header says so. */
  isDemo: boolean;
}

const byTitle = (a: KnowledgeArticleWire, b: KnowledgeArticleWire) => a.title.localeCompare(b.title);

/** The /knowledge page of one business: the assistant switch and the articles it answers from. */
export function KnowledgeBase({ businesses, business, initialArticles, initialAssistant, isDemo }: Props) {
  const api = useMemo(() => knowledgeApi(business.id), [business.id]);
  const { articles, announcement, listHeading, create, update, remove } = useArticles(api, initialArticles);

  return (
    <div className="min-h-screen">
      <StaffHeader current="/knowledge" business={business} businesses={businesses} isDemo={isDemo} />
      <main className="mx-auto flex max-w-4xl flex-col gap-6 px-4 py-6">
        <div>
          <h1 className="text-2xl font-semibold">Knowledge base</h1>
          <p className="mt-1 text-sm text-slate-600">The articles {business.name}&apos;s assistant answers customers from. Each one also has a public page the assistant links in its answers.</p>
        </div>
        <Card headingId="assistant-heading" title="Assistant">
          <AssistantSwitch setEnabled={api.setAssistantEnabled} initialEnabled={initialAssistant.enabled} />
        </Card>
        <Card headingId="new-article-heading" title="New article">
          <ArticleForm submitLabel="Add article" onSubmit={create} />
        </Card>
        <ArticleList articles={articles} announcement={announcement} headingRef={listHeading} businessSlug={business.slug} onSave={update} onDelete={remove} />
      </main>
    </div>
  );
}

/** The articles, kept sorted by title; each change is announced and refreshes the server paint. */
function useArticles(api: KnowledgeApi, initialArticles: KnowledgeArticleWire[]) {
  const router = useRouter();
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

  return { articles, announcement, listHeading, create, update, remove };
}

interface ArticleListProps {
  articles: KnowledgeArticleWire[];
  announcement: string | null;
  /** Takes the focus when a deleted article takes its button with it. */
  headingRef: RefObject<HTMLHeadingElement | null>;
  businessSlug: string;
  onSave: (id: string, input: ArticleInput) => Promise<void>;
  onDelete: (article: KnowledgeArticleWire) => Promise<void>;
}

function ArticleList({ articles, announcement, headingRef, businessSlug, onSave, onDelete }: ArticleListProps) {
  return (
    <section aria-labelledby="articles-heading">
      <h2 id="articles-heading" ref={headingRef} tabIndex={-1} className="mb-3 rounded text-lg font-semibold focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40">
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
            <ArticleItem key={article.id} article={article} publicPath={helpArticlePath(businessSlug, article.id)} onSave={(input) => onSave(article.id, input)} onDelete={() => onDelete(article)} />
          ))}
        </ul>
      )}
    </section>
  );
}
