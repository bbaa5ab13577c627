"use client";

import { useId, type ReactNode } from "react";
import type { FileUploadState } from "@/lib/browser/use-file-upload.client";

/** What the file picker offers (the server decides from the bytes anyway). */
const ACCEPT = "image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,.txt,.log,.csv,.md";

/** A real file input behind a visible, keyboard-reachable label: picking a file starts its upload. */
export function AttachButton({ onFile, disabled = false, label = "Attach file" }: { onFile: (file: File) => void; disabled?: boolean; label?: ReactNode }) {
  const id = useId();
  return (
    <span className="shrink-0">
      <input
        id={id}
        type="file"
        accept={ACCEPT}
        disabled={disabled}
        className="peer sr-only"
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Cleared, so picking the same file again (after a failure) is a change too.
          event.target.value = "";
          if (file) onFile(file);
        }}
      />
      <label
        htmlFor={id}
        className={`inline-flex min-h-11 cursor-pointer items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 peer-focus-visible:ring-2 peer-focus-visible:ring-brand-500/40 ${
          disabled ? "cursor-not-allowed opacity-60" : ""
        }`}
      >
        <svg aria-hidden viewBox="0 0 16 16" className="size-4 fill-current">
          <path d="M10.5 2a3 3 0 0 0-2.12.88L3.4 7.85a4.5 4.5 0 0 0 6.36 6.37l4.1-4.1a.75.75 0 0 0-1.06-1.06l-4.1 4.1a3 3 0 1 1-4.24-4.25l4.97-4.97a1.5 1.5 0 1 1 2.12 2.12L6.6 11.02a.5.5 0 0 1-.7-.7l4.1-4.1a.75.75 0 0 0-1.06-1.07l-4.1 4.1a2 2 0 0 0 2.83 2.83l4.95-4.96A3 3 0 0 0 10.5 2Z" />
        </svg>
        {label}
      </label>
    </span>
  );
}

/** Where the page's upload stands: progress while it runs (a status), the reason once it failed (an alert). */
export function UploadStatus({ status, onDismiss }: { status: FileUploadState; onDismiss: () => void }) {
  if (!status) return null;
  if (status.state === "uploading") {
    return (
      <p role="status" className="flex items-center gap-2 border-t border-slate-200 bg-white px-4 py-2 text-xs text-slate-600">
        <span className="min-w-0 truncate">Sending {status.file}…</span>
        <progress max={1} value={status.progress} aria-label={`Sending ${status.file}`} className="h-1.5 w-24 shrink-0 accent-brand-600" />
        <span className="shrink-0 tabular-nums">{Math.round(status.progress * 100)}%</span>
      </p>
    );
  }
  return (
    <p role="alert" className="flex flex-wrap items-center gap-2 border-t border-red-200 bg-red-50 px-4 py-2 text-xs text-red-700">
      <span className="min-w-0 [overflow-wrap:anywhere]">
        {status.file} was not sent: {status.error}
      </span>
      <button type="button" onClick={onDismiss} className="rounded font-medium underline underline-offset-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-400">
        Dismiss
      </button>
    </p>
  );
}
