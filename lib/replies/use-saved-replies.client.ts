"use client";

import { useCallback, useEffect, useState } from "react";
import type { SavedReplyListWire } from "../contract/saved-replies";
import { savedRepliesApi } from "./api.client";

/**
 * Fetches the business's saved replies whenever the workspace is connected to it (again): what was
 * pushed while offline is caught up, saved_replies.updated keeps it current in between. `retry`
 * fetches once more (after a failure).
 */
export function useSavedRepliesFetch(companyId: string | null, connected: boolean, onList: (companyId: string, list: SavedReplyListWire) => void, onFailed: (companyId: string) => void) {
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!companyId || !connected) return;
    savedRepliesApi(companyId)
      .list()
      .then(
        (list) => onList(companyId, list),
        () => onFailed(companyId),
      );
  }, [companyId, connected, attempt, onList, onFailed]);
  return useCallback(() => setAttempt((n) => n + 1), []);
}
