"use client";

import { useEffect, useState } from "react";
import { customerChatApi } from "@/lib/chat/customer-api.client";
import type { PastConversationWire } from "@/lib/contract/identity";
import type { WidgetIdentity } from "@/lib/widget/embed-protocol";
import { StatusBadge } from "./status-badge";

// UTC, as the rest of the chat page's times.
const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const AUTHORS = { CUSTOMER: "You", AGENT: null, ASSISTANT: "Assistant", SYSTEM: "System" } as const;

/**
 * A verified customer's earlier chats with the business (the site's signed-in user, proven by
 * user_hash), from any device; nothing when the identity does not verify. `currentSessionId` (the
 * chat on screen) is left out.
 */
export function PastConversations({ slug, identity, currentSessionId }: { slug: string; identity: WidgetIdentity; currentSessionId?: string }) {
  const [conversations, setConversations] = useState<PastConversationWire[] | null>(null);
  useEffect(() => {
    let current = true;
    customerChatApi.history({ business: slug, customer: { external_id: identity.external_id, user_hash: identity.user_hash } }).then(
      (answer) => current && setConversations(answer.conversations),
      // Not verified (or unreachable): the customer is anonymous here, with no history to show.
      () => current && setConversations(null),
    );
    return () => {
      current = false;
    };
  }, [slug, identity.external_id, identity.user_hash]);

  const shown = conversations?.filter((conversation) => conversation.session_id !== currentSessionId) ?? [];
  if (shown.length === 0) return null;
  return (
    <section aria-labelledby="past-conversations-heading" className="border-t border-slate-200 px-4 py-3">
      <h2 id="past-conversations-heading" className="text-sm font-semibold text-slate-900">
        Past conversations
      </h2>
      <ul className="mt-2 space-y-2">
        {shown.map((conversation) => (
          <li key={conversation.session_id}>
            <details className="rounded-md border border-slate-200">
              <summary className="flex cursor-pointer flex-wrap items-center gap-2 px-3 py-2 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40">
                <time dateTime={conversation.created_at}>{when.format(new Date(conversation.created_at))}</time>
                <StatusBadge status={conversation.status} />
                <span className="min-w-0 flex-1 truncate text-slate-600">{conversation.messages[0]?.body}</span>
              </summary>
              <ol className="space-y-1 border-t border-slate-100 px-3 py-2 text-sm">
                {conversation.messages.map((message) => (
                  <li key={message.id}>
                    <span className="font-medium text-slate-900">{AUTHORS[message.author] ?? message.agent?.display_name ?? "Agent"}:</span>{" "}
                    <span className="text-slate-700">{message.attachment ? message.attachment.file_name : message.body}</span>
                  </li>
                ))}
              </ol>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
