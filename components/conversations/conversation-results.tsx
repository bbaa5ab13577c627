import Link from "next/link";
import { StatusBadge } from "@/components/chat/status-badge";
import { textLinkClass } from "@/components/ui/text-link";
import { TagList } from "@/components/tags/tag-chip";
import type { ConversationListItem } from "@/lib/contract/conversations";
import { authorLabel, formatInZone } from "@/lib/conversations/transcript";
import { OUTCOME_LABELS } from "@/lib/conversations/timeline-text";
import { HighlightedText } from "./highlighted-text";

interface Props {
  conversations: ConversationListItem[];
  companyId: string;
  timeZone: string;
  searching: boolean;
}

export const conversationHref = (id: string, companyId: string) => `/conversations/${id}?company_id=${encodeURIComponent(companyId)}`;

/** The page of conversations: who, when, how it ended, and (searching) the matching messages highlighted. */
export function ConversationResults({ conversations, companyId, timeZone, searching }: Props) {
  if (conversations.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
        {searching ? "No conversation has messages matching this search and these filters." : "No conversations match these filters."}
      </p>
    );
  }
  return (
    <ol className="flex flex-col gap-3">
      {conversations.map((conversation) => (
        <li key={conversation.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <article aria-labelledby={`conversation-${conversation.id}`} className="flex flex-col gap-2">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 id={`conversation-${conversation.id}`} className="min-w-0 text-base font-semibold">
                <Link href={conversationHref(conversation.id, companyId)} className={`${textLinkClass} break-words`}>
                  {conversation.customer.name ?? conversation.customer.email ?? "Anonymous customer"}
                </Link>
              </h3>
              <StatusBadge status={conversation.status} />
            </div>
            <p className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600">
              <span>
                <time dateTime={conversation.created_at}>{formatInZone(conversation.created_at, timeZone).slice(0, 16)}</time>
              </span>
              <span>{conversation.agent ? `Agent: ${conversation.agent.display_name}` : "No agent"}</span>
              {conversation.outcome ? <span>{OUTCOME_LABELS[conversation.outcome]}</span> : null}
              {conversation.rating ? <span>Rating {conversation.rating.score}/5</span> : null}
              <span>{conversation.message_count === 1 ? "1 message" : `${conversation.message_count} messages`}</span>
            </p>
            <TagList tags={conversation.tags} />
            {searching && conversation.snippets.length > 0 ? (
              <ul aria-label="Matching messages" className="flex flex-col gap-1">
                {conversation.snippets.map((snippet) => (
                  <li key={snippet.message_id} className="border-l-2 border-amber-300 pl-2 text-sm break-words text-slate-800">
                    <span className="font-medium text-slate-600">{authorLabel({ author: snippet.author, agent: null }, conversation.customer.name)}: </span>
                    <HighlightedText parts={snippet.parts} />
                  </li>
                ))}
              </ul>
            ) : conversation.preview ? (
              <p className="line-clamp-2 text-sm break-words text-slate-700">{conversation.preview}</p>
            ) : null}
          </article>
        </li>
      ))}
    </ol>
  );
}
