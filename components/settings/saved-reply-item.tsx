"use client";

import { DeleteConfirmation, ItemActions, useItemEditing } from "@/components/ui/editable-item";
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
  const { mode, edit, confirmDelete, backToView, save, titleInput, editButton, keepButton } = useItemEditing(onSave);

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
        {mode === "view" ? <ItemActions title={reply.title} editRef={editButton} onEdit={edit} onDelete={confirmDelete} /> : null}
      </div>
      <p className="mt-2 line-clamp-3 text-sm whitespace-pre-line text-slate-700 [overflow-wrap:anywhere]">{reply.body}</p>
      <SavedReplyFile reply={reply} onAttach={onAttach} onRemove={onRemoveFile} />
      {mode === "confirm-delete" ? (
        <DeleteConfirmation
          title={reply.title}
          consequence={`Agents can no longer pick it with /${reply.shortcut}; messages already sent stay as they are.`}
          deleteLabel="Delete saved reply"
          keepRef={keepButton}
          onDelete={onDelete}
          onKeep={backToView}
        />
      ) : null}
    </li>
  );
}
