"use client";

import Link from "next/link";
import { useEffect, useRef, useState, type Ref } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
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
  const [mode, setMode] = useState<"view" | "edit" | "confirm-delete">("view");
  const titleInput = useRef<HTMLInputElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const keepButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  // Keyboard users land on what the new mode is about: the title to edit, the safe answer to "delete?".
  useEffect(() => {
    if (mode === "edit") titleInput.current?.focus();
    if (mode === "confirm-delete") keepButton.current?.focus();
    if (mode === "view" && returnFocus.current) editButton.current?.focus();
  }, [mode]);

  const backToView = () => {
    returnFocus.current = true;
    setMode("view");
  };

  async function save(input: ArticleInput) {
    await onSave(input);
    backToView();
  }

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
        {mode === "view" ? <ArticleActions title={article.title} editRef={editButton} onEdit={() => setMode("edit")} onDelete={() => setMode("confirm-delete")} /> : null}
      </div>
      <p className="mt-2 line-clamp-2 break-words text-sm text-slate-700">{article.body.split("\n", 1)[0]}</p>
      {mode === "confirm-delete" ? <DeleteConfirmation title={article.title} keepRef={keepButton} onDelete={onDelete} onKeep={backToView} /> : null}
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

interface ArticleActionsProps {
  title: string;
  editRef: Ref<HTMLButtonElement>;
  onEdit: () => void;
  onDelete: () => void;
}

function ArticleActions({ title, editRef, onEdit, onDelete }: ArticleActionsProps) {
  return (
    <div className="flex gap-2">
      <Button ref={editRef} variant="secondary" onClick={onEdit}>
        Edit<span className="sr-only"> {title}</span>
      </Button>
      <Button variant="secondary" onClick={onDelete}>
        Delete<span className="sr-only"> {title}</span>
      </Button>
    </div>
  );
}

interface DeleteConfirmationProps {
  title: string;
  keepRef: Ref<HTMLButtonElement>;
  onDelete: () => Promise<void>;
  onKeep: () => void;
}

/** "Delete?" with its own request state, fresh each time it opens. */
function DeleteConfirmation({ title, keepRef, onDelete, onKeep }: DeleteConfirmationProps) {
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setDeleting(true);
    setError(null);
    try {
      await onDelete();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : "Deleting failed. Please try again.");
      setDeleting(false);
    }
  }

  return (
    <div role="group" aria-label={`Delete ${title}?`} className="mt-3 flex flex-col gap-2 rounded-md bg-red-50 p-3">
      <p className="text-sm text-red-800">Delete “{title}”? The assistant stops using it and its public page disappears.</p>
      <div className="flex flex-wrap gap-2">
        <Button variant="danger" onClick={() => void confirm()} disabled={deleting}>
          {deleting ? "Deleting…" : "Delete article"}
        </Button>
        <Button ref={keepRef} variant="secondary" onClick={onKeep} disabled={deleting}>
          Keep it
        </Button>
      </div>
      <FormError message={error} />
    </div>
  );
}
