"use client";

import { useState } from "react";
import { useAgentWorkspace } from "@/lib/agent/use-agent-workspace.client";
import { shownTags } from "@/lib/agent/workspace-state";
import { hasTag } from "@/lib/contract/tags";
import { ConversationPane } from "./conversation-pane";
import { MyChatsList } from "./my-chats-list";
import { QueueList } from "./queue-list";
import { WorkspaceAlerts } from "./workspace-alerts";
import { WorkspaceTopBar } from "./workspace-top-bar";

interface Props {
  /** The signed-in user. */
  userId: string;
  /** The businesses the user is a member of (a switcher appears when there are several; demo ones are labelled). */
  businesses: { id: string; name: string; isDemo: boolean }[];
}

/** The agent's live workspace: the queue and my chats on the left, the open conversation in the centre. */
export function AgentWorkspace({ userId, businesses }: Props) {
  const workspace = useAgentWorkspace();
  const { me, company, conversation, myChats, queue } = workspace;
  const openId = conversation?.sessionId ?? null;
  const isMine = openId !== null && myChats.some((chat) => chat.id === openId);
  const atCapacity = me !== null && myChats.length >= me.capacity;
  const transferCandidates = workspace.agents.filter((agent) => agent.id !== me?.id && agent.status !== "OFFLINE");
  const [tagFilter, setTagFilter] = useState<string | null>(null);
  // A tag deleted meanwhile filters nothing any more.
  const filterTag = workspace.tags.find((tag) => tag.id === tagFilter) ?? null;
  const queueRows = queue.map((row) => ({ ...row, tags: shownTags(workspace, row.id, row.tags) }));

  return (
    <div className="flex h-dvh flex-col">
      <WorkspaceTopBar
        company={company}
        businesses={businesses}
        onSwitchCompany={workspace.switchCompany}
        me={me}
        onSetStatus={workspace.setStatus}
        connection={workspace.connection}
        connectionError={workspace.connectionError}
      />
      <WorkspaceAlerts alerts={workspace.alerts} onDismiss={workspace.dismissAlert} />
      {company === null ? (
        <p className="p-6 text-sm text-slate-500">{workspace.syncing ? "Loading the workspace…" : "The workspace could not be loaded."}</p>
      ) : (
        <div className="grid min-h-0 flex-1 grid-cols-[minmax(0,1fr)] grid-rows-[minmax(0,2fr)_minmax(0,3fr)] lg:grid-cols-[22rem_minmax(0,1fr)] lg:grid-rows-1">
          {/* On a phone one column as wide as the screen, whatever the widest row in it (the reply box's) would like. */}
          <aside aria-label="Chats" className="flex min-h-0 flex-col overflow-y-auto border-b border-slate-200 bg-white lg:border-r lg:border-b-0">
            {me === null ? (
              <p className="mx-4 mt-4 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">You are not an agent of {company.name}, so you can follow the queue here but not take chats.</p>
            ) : null}
            <QueueList
              queue={queueRows.filter((row) => hasTag(row, filterTag?.id ?? null))}
              loadedCount={queue.length}
              partial={workspace.queuePartial}
              tags={workspace.tags}
              filterTag={filterTag}
              onFilter={setTagFilter}
              selectedId={openId}
              onSelect={workspace.select}
              onClaim={me ? workspace.claim : undefined}
              claimNote={atCapacity ? `You hold ${myChats.length} chats, your capacity is ${me.capacity}: auto routing sends you no more, but you can still claim.` : null}
            />
            {me ? <MyChatsList chats={myChats} capacity={me.capacity} selectedId={openId} onSelect={workspace.select} /> : null}
          </aside>
          <main className="flex min-h-0 flex-col bg-slate-50">
            {conversation ? (
              <ConversationPane
                key={conversation.sessionId}
                conversation={conversation}
                fallbackCustomerName={queue.find((row) => row.id === openId)?.customerName ?? myChats.find((chat) => chat.id === openId)?.customerName ?? null}
                outbox={workspace.outboxes[conversation.sessionId] ?? []}
                me={me}
                business={company}
                savedReplies={{ replies: workspace.savedReplies, failed: workspace.savedRepliesFailed, retry: workspace.retrySavedReplies }}
                userId={userId}
                isMine={isMine}
                transferCandidates={transferCandidates}
                tags={shownTags(workspace, conversation.sessionId, conversation.session?.tags ?? [])}
                availableTags={workspace.tags}
                onTag={(tag, action) => workspace.tag(conversation.sessionId, tag, action)}
                customerTyping={workspace.customerTyping}
                onClaim={me && !atCapacity ? () => workspace.claim(conversation.sessionId) : undefined}
                onReply={(body) => workspace.reply(conversation.sessionId, body)}
                onNote={(body) => workspace.addNote(conversation.sessionId, body)}
                onSendFile={(file, onProgress) => workspace.sendFile(conversation.sessionId, file, onProgress)}
                onSendSavedReplyFile={(savedReplyId) => workspace.sendSavedReplyFile(conversation.sessionId, savedReplyId)}
                onRetry={(message) => workspace.retry(conversation.sessionId, message)}
                onTyping={(typing) => workspace.typing(conversation.sessionId, typing)}
                onTransfer={(agentId) => workspace.transfer(conversation.sessionId, agentId)}
                onClose={() => workspace.close(conversation.sessionId)}
              />
            ) : (
              <p className="m-auto max-w-xs p-6 text-center text-sm text-slate-500">Pick a chat from the queue or from your chats to see the conversation.</p>
            )}
          </main>
        </div>
      )}
    </div>
  );
}
