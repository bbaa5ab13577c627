"use client";

import { useCallback, useState } from "react";

/** One file on its way: its name and how far it got, or why it failed. */
export type FileUploadState = { file: string; state: "uploading"; progress: number } | { file: string; state: "failed"; error: string } | null;

/**
 * Runs one upload at a time and keeps what a page shows about it: progress while it runs, the
 * error once it failed (until dismissed or the next upload), nothing once it succeeded.
 */
export function useFileUpload<F extends { name: string } = File>(upload: (file: F, onProgress: (fraction: number) => void) => Promise<unknown>) {
  const [status, setStatus] = useState<FileUploadState>(null);
  const start = useCallback(
    async (file: F) => {
      setStatus({ file: file.name, state: "uploading", progress: 0 });
      try {
        await upload(file, (progress) => setStatus({ file: file.name, state: "uploading", progress }));
        setStatus(null);
      } catch (error) {
        setStatus({ file: file.name, state: "failed", error: error instanceof Error ? error.message : String(error) });
      }
    },
    [upload],
  );
  const dismiss = useCallback(() => setStatus(null), []);
  return { status, start, dismiss };
}
