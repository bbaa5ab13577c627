"use client";

import { useEffect, useRef, useState, type Ref } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import type { SavedReplyInput, SavedReplyWire } from "@/lib/contract/saved-replies";
import { SavedReplyForm } from "./saved-reply-form";
import { SavedReplyFile } from "./saved-reply-file";

interface Props {
  reply: SavedReplyWire;
  onSave: (input: SavedReplyInput) => Promise<void>;
  onDelete: () => Promise<void>;
  onAttach: (file: File, onProgress: (fraction: number) => void) => Promise<void>;
  onRemoveFile: () => Promise<void>;
}

/** One saved reply of the list: read, edit in place, or confirm its deletion. */
export function SavedReplyItem({ reply, onSave, onDelete, onAttach, onRemoveFile }: Props) {
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

  async function save(input: SavedReplyInput) {
    await onSave(input);
    backToView();
  }

  if (mode === "edit") {
    return (
      <li className="rounded-lg border border-brand-500/40 bg-white p-4 shadow-sm">
        <h3 className="mb-2 text-sm font-semibold text-slate-700">Edit “{reply.title}”</h3>
        <SavedReplyForm initial={{ title: reply.title, shortcut: reply.shortcut, body: reply.body }} submitLabel="Save changes" onSubmit={save} onCancel={backToView} titleRef={titleInput} />
      </li>
    );
  }

  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="font-semibold break-words">{reply.title}</h3>
          <p className="font-mono text-sm text-brand-700">/{reply.shortcut}</p>
        </div>
        {mode === "view" ? (
          <div className="flex gap-2">
            <Button ref={editButton} variant="secondary" onClick={() => setMode("edit")}>
              Edit<span className="sr-only"> {reply.title}</span>
            </Button>
            <Button variant="secondary" onClick={() => setMode("confirm-delete")}>
              Delete<span className="sr-only"> {reply.title}</span>
            </Button>
          </div>
        ) : null}
      </div>
      <p className="mt-2 line-clamp-3 text-sm whitespace-pre-line text-slate-700 [overflow-wrap:anywhere]">{reply.body}</p>
      <SavedReplyFile reply={reply} onAttach={onAttach} onRemove={onRemoveFile} />
      {mode === "confirm-delete" ? <DeleteConfirmation reply={reply} keepRef={keepButton} onDelete={onDelete} onKeep={backToView} /> : null}
    </li>
  );
}

/** "Delete?" with its own request state, fresh each time it opens. */
function DeleteConfirmation({ reply, keepRef, onDelete, onKeep }: { reply: SavedReplyWire; keepRef: Ref<HTMLButtonElement>; onDelete: () => Promise<void>; onKeep: () => void }) {
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
    <div role="group" aria-label={`Delete ${reply.title}?`} className="mt-3 flex flex-col gap-2 rounded-md bg-red-50 p-3">
      <p className="text-sm text-red-800">
        Delete “{reply.title}”? Agents can no longer pick it with /{reply.shortcut}; messages already sent stay as they are.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button variant="danger" onClick={() => void confirm()} disabled={deleting}>
          {deleting ? "Deleting…" : "Delete saved reply"}
        </Button>
        <Button ref={keepRef} variant="secondary" onClick={onKeep} disabled={deleting}>
          Keep it
        </Button>
      </div>
      <FormError message={error} />
    </div>
  );
}
