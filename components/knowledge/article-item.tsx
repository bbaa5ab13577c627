"use client";

import Link from "next/link";
import { DeleteConfirmation, ItemActions, useItemEditing } from "@/components/ui/editable-item";
import type { ArticleInput, KnowledgeArticleWire } from "@/lib/contract/knowledge";
import { ArticleForm } from "./article-form";

// UTC, so the server's first paint and the browser agree.
const updatedFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

interface Props {
  article: KnowledgeArticleWire;
  publicPath: string;
  onSave: (input: ArticleInput) => Promise<void>;
  onDelete: () => Promise<void>;
}

/** One article of the list: read, edit in place, or confirm its deletion. */
export function ArticleItem({ article, publicPath, onSave, onDelete }: Props) {
  const { mode, edit, confirmDelete, backToView, save, titleInput, editButton, keepButton } = useItemEditing(onSave);

  if (mode === "edit") {
    return (
      <li className="rounded-lg border border-brand-500/40 bg-white p-4 shadow-sm">
        <h3 className="mb-2 text-sm font-semibold text-slate-700">Edit “{article.title}”</h3>
        <ArticleForm initial={{ title: article.title, body: article.body }} submitLabel="Save changes" onSubmit={save} onCancel={backToView} titleRef={titleInput} />
      </li>
    );
  }

  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <ArticleSummary article={article} publicPath={publicPath} />
        {mode === "view" ? <ItemActions title={article.title} editRef={editButton} onEdit={edit} onDelete={confirmDelete} /> : null}
      </div>
      <p className="mt-2 line-clamp-2 break-words text-sm text-slate-700">{article.body.split("\n", 1)[0]}</p>
      {mode === "confirm-delete" ? (
        <DeleteConfirmation
          title={article.title}
          consequence="The assistant stops using it and its public page disappears."
          deleteLabel="Delete article"
          keepRef={keepButton}
          onDelete={onDelete}
          onKeep={backToView}
        />
      ) : null}
    </li>
  );
}

function ArticleSummary({ article, publicPath }: { article: KnowledgeArticleWire; publicPath: string }) {
  return (
    <div className="min-w-0">
      <h3 className="break-words font-semibold">{article.title}</h3>
      <p className="text-xs text-slate-500">
        Updated <time dateTime={article.updated_at}>{updatedFormat.format(new Date(article.updated_at))} UTC</time> ·{" "}
        <Link href={publicPath} prefetch={false} className="rounded text-brand-700 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40">
          Public page<span className="sr-only"> of {article.title}</span>
        </Link>
      </p>
    </div>
  );
}
