"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { SavedReplyWire } from "../contract/saved-replies";
import { savedRepliesApi } from "./api.client";

/** A list older than this is fetched again when the picker opens: a reply an admin just added shows up without a reload. */
const FRESH_MS = 30_000;

export interface SavedRepliesState {
  /** Null until the first answer. */
  replies: SavedReplyWire[] | null;
  failed: boolean;
  /** Fetches the list again unless it is fresh. */
  refreshIfStale: () => void;
}

/** The business's saved replies for the composer: fetched when the reply box appears, refreshed when the picker opens on a stale list. */
export function useSavedReplies(companyId: string, enabled: boolean): SavedRepliesState {
  const [replies, setReplies] = useState<SavedReplyWire[] | null>(null);
  const [failed, setFailed] = useState(false);
  const fetchedAt = useRef(0);
  const inFlight = useRef(false);

  const load = useCallback(() => {
    if (inFlight.current) return;
    inFlight.current = true;
    savedRepliesApi(companyId)
      .list()
      .then(
        (list) => {
          setReplies(list);
          setFailed(false);
          fetchedAt.current = Date.now();
        },
        () => setFailed(true),
      )
      .finally(() => {
        inFlight.current = false;
      });
  }, [companyId]);

  useEffect(() => {
    if (enabled) load();
  }, [enabled, load]);

  const refreshIfStale = useCallback(() => {
    if (Date.now() - fetchedAt.current > FRESH_MS) load();
  }, [load]);

  return { replies, failed, refreshIfStale };
}
