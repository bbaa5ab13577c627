import Link from "next/link";
import { StatusBadge } from "@/components/chat/status-badge";
import { textLinkClass } from "@/components/ui/text-link";
import type { ConversationDetail } from "@/lib/contract/conversations";
import { timelineEntries } from "@/lib/chat/timeline";
import { describeTimelineEvent, OUTCOME_LABELS } from "@/lib/conversations/timeline-text";
import { authorLabel, formatInZone } from "@/lib/conversations/transcript";
import { TagList } from "@/components/tags/tag-chip";

interface Props {
  detail: ConversationDetail;
  companyId: string;
  timeZone: string;
  canExport: boolean;
}

const bubbleTone = { CUSTOMER: "bg-white ring-slate-200", ASSISTANT: "bg-violet-50 ring-violet-200", AGENT: "bg-brand-50 ring-brand-100", SYSTEM: "bg-slate-50 ring-slate-200" } as const;

/** One conversation afterwards: what it was, its transcript (the team's notes marked as such) and its timeline. */
export function ConversationView({ detail, companyId, timeZone, canExport }: Props) {
  const { conversation } = detail;
  const at = (instant: string) => formatInZone(instant, timeZone);
  const customer = conversation.customer.name ?? conversation.customer.email ?? "Anonymous customer";
  const transcriptHref = (format: "txt" | "json", audience: "customer" | "staff") =>
    `/api/v1/admin/conversations/${conversation.id}/transcript?${new URLSearchParams({ company_id: companyId, format, audience })}`;
  return (
    <main className="mx-auto flex max-w-4xl flex-col gap-4 px-4 py-6">
      <Link href={`/conversations?company_id=${encodeURIComponent(companyId)}`} className={`${textLinkClass} self-start text-sm`}>
        ← All conversations
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="min-w-0 text-2xl font-semibold break-words">Conversation with {customer}</h1>
        <StatusBadge status={conversation.status} />
      </div>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm sm:grid-cols-2">
        {[
          ["Customer", [conversation.customer.name, conversation.customer.email].filter(Boolean).join(" · ") || "Anonymous"],
          ["Started", at(conversation.created_at)],
          ["Ended", conversation.closed_at ? at(conversation.closed_at) : "Not yet"],
          ["Agent", conversation.agent?.display_name ?? "None"],
          ["Outcome", conversation.outcome ? OUTCOME_LABELS[conversation.outcome] : "Open"],
          ["Rating", conversation.rating ? `${conversation.rating.score}/5${conversation.rating.comment ? ` “${conversation.rating.comment}”` : ""}` : "Not rated"],
          ...(conversation.handoff_summary ? [["Handoff summary", conversation.handoff_summary]] : []),
        ].map(([term, value]) => (
          <div key={term} className="flex gap-2">
            <dt className="shrink-0 font-medium text-slate-600">{term}:</dt>
            <dd className="min-w-0 break-words text-slate-900">{value}</dd>
          </div>
        ))}
        <div className="sm:col-span-2">
          <TagList tags={conversation.tags} />
        </div>
      </dl>
      {canExport ? (
        <section aria-labelledby="downloads-heading" className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
          <h2 id="downloads-heading" className="font-medium text-slate-700">
            Download transcript:
          </h2>
          <a href={transcriptHref("txt", "customer")} download className={textLinkClass}>
            For the customer (text)
          </a>
          <a href={transcriptHref("json", "customer")} download className={textLinkClass}>
            For the customer (JSON)
          </a>
          <a href={transcriptHref("txt", "staff")} download className={textLinkClass}>
            Staff copy with private notes (text)
          </a>
          <a href={transcriptHref("json", "staff")} download className={textLinkClass}>
            Staff copy (JSON)
          </a>
        </section>
      ) : null}
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <section aria-labelledby="transcript-heading" className="flex min-w-0 flex-col gap-2 lg:col-span-2">
          <h2 id="transcript-heading" className="text-lg font-semibold">
            Transcript
          </h2>
          <ol className="flex flex-col gap-2">
            {timelineEntries(detail.messages, detail.notes).map((entry) =>
              entry.kind === "message" ? (
                <li key={entry.message.id} className={`rounded-lg p-3 text-sm ring-1 ring-inset ${bubbleTone[entry.message.author]}`}>
                  <p className="flex flex-wrap justify-between gap-2 text-xs text-slate-600">
                    <span className="font-semibold text-slate-800">{authorLabel(entry.message, conversation.customer.name)}</span>
                    <time dateTime={entry.message.created_at}>{at(entry.message.created_at)}</time>
                  </p>
                  <p className="mt-1 break-words whitespace-pre-wrap text-slate-900">{entry.message.body}</p>
                  {entry.message.attachment ? (
                    <a href={entry.message.attachment.url} className={`${textLinkClass} mt-1 inline-block text-sm break-all`}>
                      File: {entry.message.attachment.file_name}
                    </a>
                  ) : null}
                </li>
              ) : (
                <li key={entry.note.id} className="rounded-lg border-l-4 border-amber-400 bg-amber-50 p-3 text-sm" aria-label="Private note">
                  <p className="flex flex-wrap justify-between gap-2 text-xs text-amber-900">
                    <span className="font-semibold">Private note · {entry.note.author?.name ?? "a former member"} · not seen by the customer</span>
                    <time dateTime={entry.note.created_at}>{at(entry.note.created_at)}</time>
                  </p>
                  <p className="mt-1 break-words whitespace-pre-wrap text-slate-900">{entry.note.body}</p>
                </li>
              ),
            )}
          </ol>
        </section>
        <section aria-labelledby="timeline-heading" className="flex flex-col gap-2">
          <h2 id="timeline-heading" className="text-lg font-semibold">
            Timeline
          </h2>
          <ol className="flex flex-col gap-2 border-l-2 border-slate-200 pl-3 text-sm">
            {detail.timeline.map((event, index) => (
              <li key={`${event.kind}-${index}`} data-kind={event.kind}>
                <p className="text-slate-900">{describeTimelineEvent(event)}</p>
                <time dateTime={event.at} className="text-xs text-slate-600">
                  {at(event.at)}
                </time>
              </li>
            ))}
          </ol>
        </section>
      </div>
    </main>
  );
}
