"use client";

import { Button } from "@/components/ui/button";
import type { ChatCredential } from "@/lib/chat/customer-api.client";
import type { CustomerChatState } from "@/lib/chat/customer-chat-state";
import { useCustomerConversation } from "@/lib/chat/use-customer-chat.client";
import { isEnded } from "@/lib/contract/staff";
import { useFileUpload } from "@/lib/browser/use-file-upload.client";
import { useReportNewMessages } from "@/lib/widget/embed-bridge.client";
import { AttachButton, UploadStatus } from "./attach-file";
import { Composer } from "./composer";
import { MessageList } from "./message-list";
import { RatingForm } from "./rating-form";
import { StatusBadge } from "./status-badge";
import { TypingIndicator } from "./typing-indicator";
import { DeskNotice, OfflineEmailForm } from "./desk-notice";
import type { DeskStatusWire } from "@/lib/contract/business-hours";

const CUSTOMER_VIEWER = { kind: "customer" } as const;

/** The one line that tells the customer where their chat stands. */
export function customerStatusText(conversation: Pick<CustomerChatState, "status" | "agentName" | "queue" | "offline">): string {
  switch (conversation.status) {
    case null:
      return "Loading your chat…";
    case "BOT":
      return "Our assistant is with you";
    case "WAITING": {
      if (conversation.offline) return "Message left: we'll reply when we're back";
      if (!conversation.queue) return "Waiting for the next available person";
      const minutes = Math.max(1, Math.ceil(conversation.queue.estimated_wait_seconds / 60));
      return `You are #${conversation.queue.position} in the queue, about ${minutes} min`;
    }
    case "ACTIVE":
      return conversation.agentName ? `You're chatting with ${conversation.agentName}` : "You're chatting with our team";
    case "CLOSED":
      return "This chat has ended";
    case "ABANDONED":
      return "You left the queue; this chat has ended";
  }
}

interface Props {
  credential: ChatCredential;
  businessName: string;
  /** The business's desk: when it is closed, an offline message says when a reply can be expected. */
  desk: DeskStatusWire;
  /** The stored chat no longer exists, or the customer wants a fresh one. */
  onLeave: () => void;
}

export function CustomerConversation({ credential, businessName, desk, onLeave }: Props) {
  const chat = useCustomerConversation(credential, onLeave);
  // In the widget: the host page counts the business's new messages as unread while its panel is closed.
  useReportNewMessages(chat.messages, chat.loaded);
  const ended = chat.status !== null && isEnded(chat.status);
  const upload = useFileUpload(chat.sendFile);

  return (
    <>
      <div className="flex items-start justify-between gap-3 border-b border-slate-200 px-4 py-3">
        <div role="status" className="min-w-0 text-sm">
          <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
            {chat.status ? <StatusBadge status={chat.status} /> : null}
            <span>{customerStatusText(chat)}</span>
          </p>
          {chat.loaded && chat.connection !== "live" ? <p className="mt-1 text-xs text-amber-700">Connection lost, reconnecting…</p> : null}
        </div>
        {chat.status && !ended ? (
          <Button variant="secondary" onClick={() => void chat.end()} className="shrink-0">
            End chat
          </Button>
        ) : null}
      </div>
      {chat.offline ? (
        <div className="mx-4 mt-3">
          {/* Held offline means the desk was closed when it came in: say so even if this page's copy of the desk has not caught up. */}
          <DeskNotice desk={desk.open ? { ...desk, open: false, closed_reason: "nobody_online" } : desk}>{chat.offline.email_known ? null : <OfflineEmailForm onSave={chat.saveEmail} />}</DeskNotice>
        </div>
      ) : null}
      {chat.error ? (
        <p role="alert" className="mx-4 mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {chat.error}
        </p>
      ) : null}
      <MessageList
        label={`Conversation with ${businessName}`}
        messages={chat.messages}
        outbox={chat.outbox}
        streaming={chat.streaming}
        viewer={CUSTOMER_VIEWER}
        onRetry={chat.retry}
        emptyText={chat.loaded ? "No messages yet." : "Loading messages…"}
      />
      {ended ? (
        <section aria-label="Chat ended" className="space-y-4 border-t border-slate-200 bg-slate-50 p-4">
          {chat.rating ? (
            <p className="text-sm text-slate-700">
              Thanks for rating this chat {chat.rating.score} out of 5{chat.rating.comment ? " and for your comment" : ""}.
            </p>
          ) : (
            <RatingForm onRate={chat.rate} />
          )}
          <Button variant={chat.rating ? "primary" : "secondary"} onClick={onLeave}>
            Start a new chat
          </Button>
        </section>
      ) : (
        <>
          <TypingIndicator who={chat.typing === "ASSISTANT" ? "The assistant" : chat.typing === "AGENT" ? (chat.agentName ?? "The agent") : null} />
          <UploadStatus status={upload.status} onDismiss={upload.dismiss} />
          <Composer
            label="Message"
            placeholder="Write a message…"
            onSend={chat.send}
            onTypingChange={chat.setTyping}
            attach={<AttachButton onFile={upload.start} disabled={upload.status?.state === "uploading"} />}
          />
        </>
      )}
    </>
  );
}
