"use client";

import { useState } from "react";
import { AttachButton } from "@/components/chat/attach-file";
import { FormError } from "@/components/ui/form-error";
import { useFileUpload } from "@/lib/browser/use-file-upload.client";
import type { SavedReplyWire } from "@/lib/contract/saved-replies";
import { formatBytes } from "@/lib/files/file-name";

interface Props {
  reply: SavedReplyWire;
  onAttach: (file: File, onProgress: (fraction: number) => void) => Promise<void>;
  onRemove: () => Promise<void>;
}

/** A saved reply's one file (sent after its text when an agent uses it): attach, replace or remove it. */
export function SavedReplyFile({ reply, onAttach, onRemove }: Props) {
  const upload = useFileUpload(onAttach);
  const [removing, setRemoving] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const busy = upload.status?.state === "uploading" || removing;
  const file = reply.attachment;

  async function remove() {
    setRemoving(true);
    setRemoveError(null);
    try {
      await onRemove();
    } catch (failure) {
      setRemoveError(failure instanceof Error ? failure.message : "Removing the file failed. Please try again.");
    } finally {
      setRemoving(false);
    }
  }

  return (
    <div className="mt-3 flex flex-col gap-2 border-t border-slate-100 pt-3">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        {file ? (
          <p className="min-w-0 text-slate-700 [overflow-wrap:anywhere]">
            File: <span className="font-medium">{file.file_name}</span> <span className="text-slate-500">({formatBytes(file.byte_size)})</span>
          </p>
        ) : (
          <p className="text-slate-600">No file.</p>
        )}
        <AttachButton
          onFile={(picked) => void upload.start(picked)}
          disabled={busy}
          label={
            <>
              {file ? "Replace file" : "Attach file"}
              <span className="sr-only"> of {reply.title}</span>
            </>
          }
        />
        {file ? (
          <button
            type="button"
            onClick={() => void remove()}
            disabled={busy}
            className="inline-flex min-h-11 items-center rounded-md px-3 text-sm font-medium text-red-700 underline underline-offset-2 hover:text-red-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-400 disabled:opacity-60"
          >
            {removing ? "Removing…" : "Remove file"}
            <span className="sr-only"> of {reply.title}</span>
          </button>
        ) : null}
      </div>
      {upload.status?.state === "uploading" ? (
        <p role="status" className="flex items-center gap-2 text-xs text-slate-600">
          <span className="min-w-0 truncate">Uploading {upload.status.file}…</span>
          <progress max={1} value={upload.status.progress} aria-label={`Uploading ${upload.status.file}`} className="h-1.5 w-24 shrink-0 accent-brand-600" />
        </p>
      ) : null}
      <FormError message={upload.status?.state === "failed" ? `${upload.status.file} was not attached: ${upload.status.error}` : removeError} />
    </div>
  );
}
