"use client";

import { useState, type ReactNode } from "react";
import { TagList } from "@/components/tags/tag-chip";
import { TagFilter } from "@/components/tags/tag-filter";
import { byTagName, hasTag, type TagWire } from "@/lib/contract/tags";
import { filterSummary } from "@/lib/tags/filter-summary";

interface ListedSession {
  id: string;
  customer: { name: string | null };
  tags: TagWire[];
}

interface Props<S extends ListedSession> {
  /** The line above the list (totals). */
  summary: ReactNode;
  sessions: S[];
  /** How many there are in all (the list holds the first page of them). */
  total: number;
  /** The id of this list's tag filter. */
  filterId: string;
  emptyText: string;
  /** Numbered, for a list whose order matters (the queue). */
  ordered?: boolean;
  /** The line under the customer's name; nothing when empty. */
  detail: (session: S) => ReactNode;
  /** The live timer at the end of the row. */
  timer: (session: S) => ReactNode;
}

/** The tags the listed chats carry (what there is to filter by), by name; the chosen one stays even when no row carries it any more. */
function tagsIn(sessions: readonly ListedSession[], chosen: TagWire | null): TagWire[] {
  const byId = new Map<string, TagWire>();
  for (const tag of sessions.flatMap((session) => session.tags)) byId.set(tag.id, tag);
  if (chosen && !byId.has(chosen.id)) byId.set(chosen.id, chosen);
  return [...byId.values()].sort(byTagName);
}

/**
 * The sessions a dashboard panel lists: one row each with the customer, its tags, a detail line
 * and a timer. Filtered by tag in the browser over the loaded page, live as the widget updates; the
 * list says so when chats beyond that page were not looked at.
 */
export function SessionList<S extends ListedSession>({ summary, sessions, total, filterId, emptyText, ordered = false, detail, timer }: Props<S>) {
  const List = ordered ? "ol" : "ul";
  const [chosen, setChosen] = useState<TagWire | null>(null);
  const options = tagsIn(sessions, chosen);
  const shown = sessions.filter((session) => hasTag(session, chosen?.id ?? null));
  return (
    <>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600">{summary}</p>
        {options.length > 0 ? <TagFilter id={filterId} tags={options} value={chosen?.id ?? null} onChange={(id) => setChosen(options.find((tag) => tag.id === id) ?? null)} /> : null}
      </div>
      <p role="status" className={chosen ? "mb-2 text-xs text-slate-600" : "sr-only"}>
        {chosen ? filterSummary(shown.length, sessions.length, chosen.name, Math.max(0, total - sessions.length)) : ""}
      </p>
      {shown.length === 0 ? (
        <p className="text-sm text-slate-600">{chosen && sessions.length > 0 ? "No chat here carries this tag." : emptyText}</p>
      ) : (
        <List className="divide-y divide-slate-100 text-sm">
          {shown.map((session) => {
            const line = detail(session);
            return (
              <li key={session.id} data-session-id={session.id} className="flex items-center justify-between gap-2 py-2">
                <span className="min-w-0">
                  <span className="block truncate font-medium">{session.customer.name ?? "Anonymous visitor"}</span>
                  {line ? <span className="block truncate text-xs text-slate-600">{line}</span> : null}
                  <TagList tags={session.tags} className="mt-1" />
                </span>
                {timer(session)}
              </li>
            );
          })}
        </List>
      )}
    </>
  );
}
