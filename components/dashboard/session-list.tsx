import type { ReactNode } from "react";

interface ListedSession {
  id: string;
  customer: { name: string | null };
}

interface Props<S extends ListedSession> {
  /** The line above the list (totals). */
  summary: ReactNode;
  sessions: S[];
  emptyText: string;
  /** Numbered, for a list whose order matters (the queue). */
  ordered?: boolean;
  /** The line under the customer's name; nothing when empty. */
  detail: (session: S) => ReactNode;
  /** The live timer at the end of the row. */
  timer: (session: S) => ReactNode;
}

/** The sessions a dashboard panel lists: one row each with the customer, a detail line and a timer. */
export function SessionList<S extends ListedSession>({ summary, sessions, emptyText, ordered = false, detail, timer }: Props<S>) {
  const List = ordered ? "ol" : "ul";
  return (
    <>
      <p className="mb-2 text-sm text-slate-600">{summary}</p>
      {sessions.length === 0 ? (
        <p className="text-sm text-slate-600">{emptyText}</p>
      ) : (
        <List className="divide-y divide-slate-100 text-sm">
          {sessions.map((session) => {
            const line = detail(session);
            return (
              <li key={session.id} data-session-id={session.id} className="flex items-center justify-between gap-2 py-2">
                <span className="min-w-0">
                  <span className="block truncate font-medium">{session.customer.name ?? "Anonymous visitor"}</span>
                  {line ? <span className="block truncate text-xs text-slate-600">{line}</span> : null}
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
