"use client";

import { MessageList } from "@/components/chat/message-list";
import { StatusBadge } from "@/components/chat/status-badge";
import { TypingIndicator } from "@/components/chat/typing-indicator";
import { Button } from "@/components/ui/button";
import type { OpenConversation } from "@/lib/agent/workspace-state";
import { isEnded, type AgentWire, type SessionStatusName } from "@/lib/contract/staff";
import type { OutgoingMessage } from "@/lib/chat/timeline";
import type { SessionTagAction, TagWire } from "@/lib/contract/tags";
import { AttachButton, UploadStatus } from "@/components/chat/attach-file";
import { useFileUpload } from "@/lib/browser/use-file-upload.client";
import { ConversationComposer } from "./conversation-composer";
import type { SavedRepliesList } from "./saved-reply-picker";
import { ConversationTags } from "./conversation-tags";
import { TransferControl } from "./transfer-control";

function readOnlyNote(status: SessionStatusName | undefined): string {
  if (status === "WAITING") return "Claim this chat to reply.";
  if (status && isEnded(status)) return "This chat has ended.";
  return "Only the agent holding this chat can reply.";
}

interface Props {
  conversation: OpenConversation;
  /** The name the lists know while the history loads. */
  fallbackCustomerName: string | null;
  outbox: OutgoingMessage[];
  me: AgentWire | null;
  /** The workspace's business: its saved replies' {{business.name}}. */
  business: { id: string; name: string };
  /** The business's saved replies, kept current by the workspace. */
  savedReplies: SavedRepliesList;
  /** The signed-in user: their own notes read "You". */
  userId: string;
  /** I hold this chat (optimistically included): I may reply, transfer and close. */
  isMine: boolean;
  transferCandidates: AgentWire[];
  /** The chat's tags as shown (my pending changes included) and the business's list to add from. */
  tags: readonly TagWire[];
  availableTags: readonly TagWire[];
  /** Any member may tag any chat of the business. */
  onTag: (tag: TagWire, action: SessionTagAction) => void;
  customerTyping: boolean;
  onClaim?: () => void;
  onReply: (body: string) => void;
  /** Any member may add a private note, whoever holds the chat. */
  onNote: (body: string) => void;
  onRetry: (message: OutgoingMessage) => void;
  /** A file as the holder's reply; resolves once it is stored. */
  onSendFile: (file: File, onProgress: (fraction: number) => void) => Promise<unknown>;
  /** A saved reply's file as the holder's reply (copied on the server); resolves once it is stored. */
  onSendSavedReplyFile: (savedReplyId: string) => Promise<unknown>;
  onTyping: (typing: boolean) => void;
  onTransfer: (agentId: string) => void;
  onClose: () => void;
}

/** One conversation: who it is with, its messages and the team's notes, a note box for everyone and, for the holder, the reply box and actions. */
export function ConversationPane({
  conversation,
  fallbackCustomerName,
  outbox,
  me,
  business,
  savedReplies,
  userId,
  isMine,
  transferCandidates,
  tags,
  availableTags,
  onTag,
  customerTyping,
  onClaim,
  onReply,
  onNote,
  onRetry,
  onSendFile,
  onSendSavedReplyFile,
  onTyping,
  onTransfer,
  onClose,
}: Props) {
  const { session } = conversation;
  const upload = useFileUpload(onSendFile);
  const replyFile = useFileUpload((file: { name: string; savedReplyId: string }) => onSendSavedReplyFile(file.savedReplyId));
  const customerName = session?.customer.name ?? fallbackCustomerName ?? "Visitor";
  const waiting = session?.status === "WAITING";
  // My claim is on its way: show it as taken rather than flicker back to waiting.
  const shownStatus = session && isMine && waiting ? "ACTIVE" : session?.status;
  const heldByOther = session?.status === "ACTIVE" && !isMine && session.agent ? session.agent.display_name : null;

  return (
    <section aria-labelledby="conversation-heading" className="flex min-h-0 flex-1 flex-col">
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 bg-white px-4 py-3">
        <div className="min-w-0">
          <h2 id="conversation-heading" className="flex flex-wrap items-center gap-2 text-base font-semibold">
            <span className="truncate">{customerName}</span>
            {shownStatus ? <StatusBadge status={shownStatus} /> : null}
          </h2>
          <p className="text-xs text-slate-500 [overflow-wrap:anywhere]">
            {session?.customer.email ?? "No email given"}
            {heldByOther ? ` · with ${heldByOther}` : ""}
          </p>
          {session ? <ConversationTags tags={tags} available={availableTags} onChange={onTag} /> : null}
          {session?.handoff_reason || session?.handoff_summary ? (
            // What the assistant learned, read before the conversation itself.
            <div aria-label="Handoff from the assistant" role="note" className="mt-2 rounded-md border border-violet-200 bg-violet-50 px-3 py-2 text-sm text-slate-800">
              {session.handoff_reason ? <p className="font-medium text-violet-900 [overflow-wrap:anywhere]">Handed off: {session.handoff_reason}</p> : null}
              {session.handoff_summary ? <p className="mt-1 whitespace-pre-line [overflow-wrap:anywhere]">{session.handoff_summary}</p> : null}
            </div>
          ) : null}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {waiting && !isMine && onClaim ? <Button onClick={onClaim}>Claim</Button> : null}
          {isMine ? (
            <>
              <TransferControl candidates={transferCandidates} onTransfer={onTransfer} />
              <Button variant="secondary" onClick={onClose} className="px-3 py-1.5">
                Close chat
              </Button>
            </>
          ) : null}
        </div>
      </div>
      <MessageList
        label={`Conversation with ${customerName}`}
        messages={conversation.messages}
        notes={conversation.notes}
        outbox={outbox}
        viewer={{ kind: "agent", agentId: me?.id ?? null, userId, customerName }}
        onRetry={onRetry}
        emptyText={conversation.loading ? "Loading messages…" : "No messages yet."}
      />
      <TypingIndicator who={customerTyping ? customerName : null} />
      {isMine ? <UploadStatus status={upload.status} onDismiss={upload.dismiss} /> : null}
      {isMine ? <UploadStatus status={replyFile.status} onDismiss={replyFile.dismiss} /> : null}
      <ConversationComposer
        customerName={customerName}
        canReply={isMine}
        readOnlyReason={readOnlyNote(session?.status)}
        onReply={onReply}
        onReplyFile={(savedReplyId, name) => replyFile.start({ name, savedReplyId })}
        onNote={onNote}
        onTyping={onTyping}
        attach={<AttachButton onFile={upload.start} disabled={upload.status?.state === "uploading"} />}
        savedReplies={{
          ...savedReplies,
          // Not "Visitor": a customer without a name has no {{customer.name}} to fill.
          context: { customer: session?.customer ?? { name: fallbackCustomerName, email: null }, agent: { name: me?.display_name ?? null }, business: { name: business.name } },
        }}
      />
    </section>
  );
}
