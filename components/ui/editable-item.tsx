"use client";

import { useEffect, useRef, useState, type ReactNode, type Ref } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";

type Mode = "view" | "edit" | "confirm-delete";

/**
 * An item of a settings list that is read, edited in place, or asked "delete?". Keyboard users land
 * on what the new mode is about: the title to edit, the safe answer to "delete?", and back on Edit.
 */
export function useItemEditing<Input = never>(onSave?: (input: Input) => Promise<void>) {
  const [mode, setMode] = useState<Mode>("view");
  const titleInput = useRef<HTMLInputElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const keepButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (mode === "edit") titleInput.current?.focus();
    if (mode === "confirm-delete") keepButton.current?.focus();
    if (mode === "view" && returnFocus.current) editButton.current?.focus();
  }, [mode]);

  const backToView = () => {
    returnFocus.current = true;
    setMode("view");
  };

  return {
    mode,
    edit: () => setMode("edit"),
    confirmDelete: () => setMode("confirm-delete"),
    backToView,
    /** Saves an edit (onSave), then back to reading. */
    async save(input: Input) {
      await onSave?.(input);
      backToView();
    },
    titleInput,
    editButton,
    keepButton,
  };
}

/** Edit and Delete, named for screen readers by the item's title. */
export function ItemActions({ title, editRef, onEdit, onDelete }: { title: string; editRef: Ref<HTMLButtonElement>; onEdit: () => void; onDelete: () => void }) {
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
  /** What deleting does, after "Delete “title”?". */
  consequence: ReactNode;
  deleteLabel: string;
  keepRef: Ref<HTMLButtonElement>;
  onDelete: () => Promise<void>;
  onKeep: () => void;
}

/** "Delete?" with its own request state, fresh each time it opens. */
export function DeleteConfirmation({ title, consequence, deleteLabel, keepRef, onDelete, onKeep }: DeleteConfirmationProps) {
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
      <p className="text-sm text-red-800">
        Delete “{title}”? {consequence}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button variant="danger" onClick={() => void confirm()} disabled={deleting}>
          {deleting ? "Deleting…" : deleteLabel}
        </Button>
        <Button ref={keepRef} variant="secondary" onClick={onKeep} disabled={deleting}>
          Keep it
        </Button>
      </div>
      <FormError message={error} />
    </div>
  );
}
