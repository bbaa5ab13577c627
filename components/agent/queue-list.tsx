"use client";

import { WaitTimer } from "@/components/chat/wait-timer";
import { Button } from "@/components/ui/button";
import { TagList } from "@/components/tags/tag-chip";
import { TagFilter } from "@/components/tags/tag-filter";
import type { QueueRow } from "@/lib/agent/workspace-state";
import type { TagWire } from "@/lib/contract/tags";
import { filterSummary } from "@/lib/tags/filter-summary";

interface Props {
  /** The rows to show (filtered by `filterTag` when one is chosen). */
  queue: QueueRow[];
  /** Rows loaded before the filter. */
  loadedCount: number;
  /** More chats wait than the list holds (its first page). */
  partial: boolean;
  /** The business's tags, to filter by. */
  tags: readonly TagWire[];
  filterTag: TagWire | null;
  onFilter: (tagId: string | null) => void;
  selectedId: string | null;
  onSelect: (sessionId: string) => void;
  /** Absent for staff who cannot take chats: the queue is then read-only. */
  onClaim?: (sessionId: string) => void;
  /** A note above the queue about claiming more (e.g. at capacity); claiming stays possible. */
  claimNote: string | null;
}

/**
 * The waiting customers, longest wait first (after priority), each with a live wait timer; below
 * them the offline messages left while the desk was closed, which join the queue when it opens.
 */
export function QueueList({ queue: rows, loadedCount, partial, tags, filterTag, onFilter, selectedId, onSelect, onClaim, claimNote }: Props) {
  const queue = rows.filter((row) => !row.heldOffline);
  const offline = rows.filter((row) => row.heldOffline);
  const item = (row: QueueRow) => <QueueItem key={row.id} row={row} selected={row.id === selectedId} onSelect={onSelect} onClaim={onClaim} />;
  return (
    <section aria-labelledby="queue-heading" className="flex shrink-0 flex-col">
      <div className="flex flex-wrap items-center justify-between gap-2 px-4 pt-4">
        <h2 id="queue-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
          Queue <span className="font-normal">({filterTag ? `${queue.length} of ${loadedCount}` : queue.length})</span>
        </h2>
        {tags.length > 0 || filterTag ? <TagFilter id="queue-tag-filter" tags={tags} value={filterTag?.id ?? null} onChange={onFilter} /> : null}
      </div>
      <p role="status" className={filterTag ? "px-4 pt-1 text-xs text-slate-600" : "sr-only"}>
        {filterTag ? filterSummary(queue.length, loadedCount, filterTag.name, partial ? "some" : 0) : ""}
      </p>
      {onClaim && claimNote ? <p className="px-4 pt-1 text-xs text-amber-700">{claimNote}</p> : null}
      {queue.length === 0 ? <p className="px-4 py-3 text-sm text-slate-500">{filterTag && loadedCount > 0 ? "No waiting chat carries this tag." : "Nobody is waiting."}</p> : null}
      <ul className="mt-2 divide-y divide-slate-100">{queue.map(item)}</ul>
      {offline.length > 0 ? (
        <>
          <h3 className="px-4 pt-3 text-xs font-semibold uppercase tracking-wide text-slate-500">
            Offline messages <span className="font-normal">({offline.length}, queued when the desk opens)</span>
          </h3>
          <ul aria-label="Offline messages" className="mt-1 divide-y divide-slate-100">
            {offline.map(item)}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function QueueItem({ row, selected, onSelect, onClaim }: { row: QueueRow; selected: boolean; onSelect: (sessionId: string) => void; onClaim?: (sessionId: string) => void }) {
  const name = row.customerName ?? "Visitor";
  return (
    <li data-session-id={row.id} className={`flex items-start gap-2 px-4 py-3 ${selected ? "bg-brand-50" : ""}`}>
      <button
        type="button"
        onClick={() => onSelect(row.id)}
        aria-current={selected ? "true" : undefined}
        className="min-w-0 flex-1 rounded text-left focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40"
      >
        <span className="flex items-center gap-2">
          <span className="truncate text-sm font-medium text-slate-900">{name}</span>
          {row.priority > 0 ? <span className="rounded bg-red-50 px-1.5 text-xs font-medium text-red-700">Priority</span> : null}
          {row.offlineAt ? <span className="rounded bg-amber-50 px-1.5 text-xs font-medium text-amber-800">Offline</span> : null}
        </span>
        {row.preview ? <span className="mt-0.5 line-clamp-2 block text-xs text-slate-700 [overflow-wrap:anywhere]">{row.preview}</span> : null}
        {row.handoffReason ? <span className="mt-0.5 block truncate text-xs text-slate-500">{row.handoffReason}</span> : null}
        <TagList tags={row.tags} className="mt-1" />
        <span className="mt-1 block text-xs text-slate-500">
          {row.heldOffline ? "Left" : "Waiting"} <WaitTimer since={row.queuedAt} />
          {row.heldOffline ? " ago" : null}
        </span>
      </button>
      {onClaim ? (
        <Button onClick={() => onClaim(row.id)} aria-label={`Claim chat with ${name}`} className="shrink-0 px-3 py-1.5">
          Claim
        </Button>
      ) : null}
    </li>
  );
}
