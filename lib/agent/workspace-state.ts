/**
 * The agent workspace's state and every change to it, as one pure reducer: the snapshot from
 * workspace.open, the live pushes of the business room, and the optimistic actions with their
 * rollback on dashboard.update_confirmed {success:false}. The socket wiring is in
 * use-agent-workspace.client.ts.
 */
import type { AgentStatusChanged, AgentStatusName, AgentWire, QueueUpdated, SessionUpdated, StaffSession, UpdateConfirmed, WorkspaceSnapshot } from "../contract/staff";
import type { ChatMessageWire } from "../contract/customer-chat";
import { markOutgoing, mergeMessages, settleOutbox, type OutgoingMessage } from "../chat/timeline";
import type { QueuedSession } from "../contract/widgets";

/** A waiting chat in the queue list (from the snapshot's sessions or a queue.updated entry). */
export interface QueueRow {
  id: string;
  customerName: string | null;
  priority: number;
  queuedAt: string;
  preview: string | null;
  handoffReason: string | null;
}

/** A chat the signed-in agent holds. */
export interface MyChat {
  id: string;
  customerName: string | null;
  /** A customer message arrived while another conversation was open. */
  unread: boolean;
}

export interface OpenConversation {
  sessionId: string;
  /** Null until session.history answers. */
  session: StaffSession | null;
  messages: ChatMessageWire[];
  loading: boolean;
  /** The session's push version when its history was requested: a newer push beats the history's copy. */
  requestedAtVersion: number;
}

/**
 * What an optimistic action changed, to undo it if the server refuses. Pushes arriving meanwhile
 * keep `row` / `chat` current, so a rollback restores the server's latest, not the old copy.
 */
export type PendingAction =
  | { kind: "claim"; sessionId: string; row: QueueRow | null; version: number }
  | { kind: "release"; sessionId: string; chat: MyChat | null; version: number }
  | { kind: "status"; agentId: string; previous: AgentStatusName; version: number };

export type WorkspacePush = { event: "queue.updated"; payload: QueueUpdated } | { event: "session.updated"; payload: SessionUpdated } | { event: "agent.status_changed"; payload: AgentStatusChanged };

export interface WorkspaceAlert {
  id: string;
  message: string;
}

export interface WorkspaceState {
  /** workspace.open is in flight: pushes wait in `backlog` and are applied on top of the snapshot. */
  syncing: boolean;
  backlog: WorkspacePush[];
  company: WorkspaceSnapshot["company"] | null;
  me: AgentWire | null;
  agents: AgentWire[];
  queue: QueueRow[];
  myChats: MyChat[];
  conversation: OpenConversation | null;
  /** Replies not stored yet, per session. */
  outboxes: Record<string, OutgoingMessage[]>;
  /** The last push version applied per session ("s:<id>") and agent ("a:<id>"): older pushes are dropped. */
  versions: Record<string, number>;
  /** Optimistic actions awaiting dashboard.update_confirmed, by request_id. */
  pending: Record<string, PendingAction>;
  alerts: WorkspaceAlert[];
}

export const initialWorkspaceState: WorkspaceState = {
  syncing: true,
  backlog: [],
  company: null,
  me: null,
  agents: [],
  queue: [],
  myChats: [],
  conversation: null,
  outboxes: {},
  versions: {},
  pending: {},
  alerts: [],
};

export type WorkspaceAction =
  | { type: "open_started" }
  | { type: "snapshot"; snapshot: WorkspaceSnapshot }
  | { type: "open_failed"; alert: WorkspaceAlert }
  | { type: "push"; push: WorkspacePush }
  | { type: "select"; sessionId: string }
  | { type: "history_requested"; sessionId: string }
  | { type: "history"; session: StaffSession; messages: ChatMessageWire[] }
  | { type: "history_failed"; sessionId: string; alert: WorkspaceAlert }
  | { type: "claim"; requestId: string; sessionId: string }
  | { type: "release"; requestId: string; sessionId: string }
  | { type: "set_status"; requestId: string; status: AgentStatusName }
  | { type: "send"; sessionId: string; outgoing: OutgoingMessage }
  | { type: "resend"; sessionId: string; clientMessageId: string }
  | { type: "confirmed"; confirmation: UpdateConfirmed }
  | { type: "alert"; alert: WorkspaceAlert }
  | { type: "dismiss_alert"; id: string };

const sessionKey = (id: string) => `s:${id}`;
const agentKey = (id: string) => `a:${id}`;

const queueRowFromEntry = (entry: QueuedSession): QueueRow => ({
  id: entry.id,
  customerName: entry.customer.name,
  priority: entry.priority,
  queuedAt: entry.queued_at,
  preview: entry.preview,
  handoffReason: entry.handoff_reason,
});

// The order agents take them (and the server counts positions): priority, then the longest wait.
const queueOrder = (a: QueueRow, b: QueueRow) => b.priority - a.priority || a.queuedAt.localeCompare(b.queuedAt) || a.id.localeCompare(b.id);

function upsertQueueRow(queue: QueueRow[], row: QueueRow): QueueRow[] {
  return [...queue.filter((existing) => existing.id !== row.id), row].sort(queueOrder);
}

const withoutId = <T extends { id: string }>(items: T[], id: string) => (items.some((item) => item.id === id) ? items.filter((item) => item.id !== id) : items);

const isMine = (state: WorkspaceState, session: StaffSession) => session.status === "ACTIVE" && state.me !== null && session.agent?.id === state.me.id;

type SessionPending<K extends "claim" | "release"> = Extract<PendingAction, { kind: K }>;

/** My pending claim or release of a session, with its request_id. */
function pendingFor<K extends "claim" | "release">(state: WorkspaceState, kind: K, sessionId: string): [string, SessionPending<K>] | undefined {
  const matches = (action: PendingAction): action is SessionPending<K> => action.kind === kind && action.sessionId === sessionId;
  for (const [requestId, action] of Object.entries(state.pending)) if (matches(action)) return [requestId, action];
  return undefined;
}

function replacePending(state: WorkspaceState, requestId: string, action: PendingAction): WorkspaceState {
  return { ...state, pending: { ...state.pending, [requestId]: action } };
}

function withoutPending(state: WorkspaceState, requestId: string): WorkspaceState {
  const { [requestId]: _settled, ...pending } = state.pending;
  return { ...state, pending };
}

/** Older than the last push applied to the same session/agent (one change's several pushes share a version). */
function isStale(state: WorkspaceState, key: string, version: number): boolean {
  return version < (state.versions[key] ?? 0);
}

const recordVersion = (state: WorkspaceState, key: string, version: number): WorkspaceState => ({ ...state, versions: { ...state.versions, [key]: version } });

function applyQueueUpdated(state: WorkspaceState, push: QueueUpdated): WorkspaceState {
  const key = sessionKey(push.session_id);
  if (isStale(state, key, push.version)) return state;
  const next = recordVersion(state, key, push.version);
  const row = push.entry ? queueRowFromEntry(push.entry) : null;
  const claim = pendingFor(next, "claim", push.session_id);
  // While my claim is pending the row stays out of the list; the latest entry is kept for a rollback.
  if (claim) return replacePending(next, claim[0], { ...claim[1], row });
  return { ...next, queue: row ? upsertQueueRow(next.queue, row) : withoutId(next.queue, push.session_id) };
}

function applySessionUpdated(state: WorkspaceState, push: SessionUpdated): WorkspaceState {
  const { session, message } = push;
  let next = state;
  // A message is appended whatever its version: it can be published after a newer status change.
  if (message && next.conversation?.sessionId === session.id) {
    next = { ...next, conversation: { ...next.conversation, messages: mergeMessages(next.conversation.messages, [message]) } };
  }
  if (message && next.outboxes[session.id]) {
    next = { ...next, outboxes: { ...next.outboxes, [session.id]: settleOutbox(next.outboxes[session.id], [message]) } };
  }
  const key = sessionKey(session.id);
  if (isStale(next, key, push.version)) return next;
  next = recordVersion(next, key, push.version);
  if (next.conversation?.sessionId === session.id) next = { ...next, conversation: { ...next.conversation, session } };

  const mine = isMine(next, session);
  const release = pendingFor(next, "release", session.id);
  const claim = pendingFor(next, "claim", session.id);
  const existing = next.myChats.find((item) => item.id === session.id);
  const isOpen = next.conversation?.sessionId === session.id;
  // New in my list (assigned or transferred to me) or a customer message I am not looking at.
  const unread = !isOpen && (existing ? existing.unread || message?.author === "CUSTOMER" : true);
  const chat: MyChat = { id: session.id, customerName: session.customer.name, unread };
  if (release) {
    // Kept out of my list until the transfer/close is settled; remembered for a rollback.
    return replacePending(next, release[0], { ...release[1], chat: mine ? chat : null });
  }
  if (mine) return { ...next, myChats: existing ? next.myChats.map((item) => (item.id === session.id ? chat : item)) : [chat, ...next.myChats] };
  // My optimistic claim keeps the chat in my list until the server answers it.
  if (claim && session.status === "WAITING") return next;
  return { ...next, myChats: withoutId(next.myChats, session.id) };
}

function applyAgentStatusChanged(state: WorkspaceState, push: AgentStatusChanged): WorkspaceState {
  const key = agentKey(push.agent.id);
  if (isStale(state, key, push.version)) return state;
  const next = recordVersion(state, key, push.version);
  return {
    ...next,
    me: next.me?.id === push.agent.id ? push.agent : next.me,
    agents: next.agents.map((agent) => (agent.id === push.agent.id ? push.agent : agent)),
  };
}

function applyPush(state: WorkspaceState, push: WorkspacePush): WorkspaceState {
  switch (push.event) {
    case "queue.updated":
      return applyQueueUpdated(state, push.payload);
    case "session.updated":
      return applySessionUpdated(state, push.payload);
    case "agent.status_changed":
      return applyAgentStatusChanged(state, push.payload);
  }
}

function applySnapshot(state: WorkspaceState, snapshot: WorkspaceSnapshot): WorkspaceState {
  const sameCompany = state.company?.id === snapshot.company.id;
  const unread = new Set(sameCompany ? state.myChats.filter((chat) => chat.unread).map((chat) => chat.id) : []);
  const fresh: WorkspaceState = {
    ...state,
    syncing: false,
    backlog: [],
    company: snapshot.company,
    me: snapshot.me,
    agents: snapshot.agents.map(({ active_sessions: _load, ...agent }) => agent),
    queue: snapshot.queue.map(queueRowFromEntry),
    myChats: snapshot.my_sessions.map((session) => ({ id: session.id, customerName: session.customer.name, unread: unread.has(session.id) })),
    conversation: sameCompany ? state.conversation : null,
    outboxes: sameCompany ? state.outboxes : {},
  };
  return state.backlog.reduce(applyPush, fresh);
}

function rollback(state: WorkspaceState, action: PendingAction): WorkspaceState {
  switch (action.kind) {
    case "claim": {
      const queue = action.row && !state.queue.some((row) => row.id === action.sessionId) ? upsertQueueRow(state.queue, action.row) : state.queue;
      // A push since the claim already put my list right.
      const pushedSince = (state.versions[sessionKey(action.sessionId)] ?? 0) > action.version;
      return { ...state, queue, myChats: pushedSince ? state.myChats : withoutId(state.myChats, action.sessionId) };
    }
    case "release":
      return action.chat && !state.myChats.some((chat) => chat.id === action.sessionId) ? { ...state, myChats: [action.chat, ...state.myChats] } : state;
    case "status": {
      if ((state.versions[agentKey(action.agentId)] ?? 0) > action.version) return state;
      const restore = (agent: AgentWire) => (agent.id === action.agentId ? { ...agent, status: action.previous } : agent);
      return { ...state, me: state.me && restore(state.me), agents: state.agents.map(restore) };
    }
  }
}

function applyConfirmation(state: WorkspaceState, confirmation: UpdateConfirmed): WorkspaceState {
  if (confirmation.action === "session.send") {
    const sessionId = confirmation.message?.session_id ?? Object.keys(state.outboxes).find((id) => state.outboxes[id].some((entry) => entry.client_message_id === confirmation.request_id));
    if (!sessionId) return state;
    if (confirmation.success && confirmation.message) {
      const { message } = confirmation;
      const conversation = state.conversation?.sessionId === sessionId ? { ...state.conversation, messages: mergeMessages(state.conversation.messages, [message]) } : state.conversation;
      return { ...state, conversation, outboxes: { ...state.outboxes, [sessionId]: settleOutbox(state.outboxes[sessionId] ?? [], [message]) } };
    }
    const error = confirmation.error?.message ?? "The reply was not sent.";
    return { ...state, outboxes: { ...state.outboxes, [sessionId]: markOutgoing(state.outboxes[sessionId] ?? [], confirmation.request_id, "failed", error) } };
  }
  const action = state.pending[confirmation.request_id];
  const settled = withoutPending(state, confirmation.request_id);
  if (confirmation.success) return settled;
  const alert = { id: confirmation.request_id, message: confirmation.error?.message ?? "The server refused this action." };
  return withAlert(action ? rollback(settled, action) : settled, alert);
}

/** One alert per id (a request refused twice, e.g. by a timeout and then by the server, shows once). */
function withAlert(state: WorkspaceState, alert: WorkspaceAlert): WorkspaceState {
  return state.alerts.some((existing) => existing.id === alert.id) ? state : { ...state, alerts: [...state.alerts, alert] };
}

/**
 * A new connection: confirmations for the old one's requests will never come. Their optimistic
 * effects are replaced by the snapshot; unconfirmed replies are offered for a retry (idempotent).
 */
function startOpen(state: WorkspaceState): WorkspaceState {
  const outboxes = Object.fromEntries(
    Object.entries(state.outboxes).map(([sessionId, outbox]) => [
      sessionId,
      outbox.map((entry) => (entry.state === "sending" ? { ...entry, state: "failed" as const, error: "the connection dropped before it was confirmed" } : entry)),
    ]),
  );
  return { ...state, syncing: true, pending: {}, outboxes };
}

export function workspaceReducer(state: WorkspaceState, action: WorkspaceAction): WorkspaceState {
  switch (action.type) {
    case "open_started":
      return startOpen(state);
    case "snapshot":
      return applySnapshot(state, action.snapshot);
    case "open_failed":
      return withAlert(state.backlog.reduce(applyPush, { ...state, syncing: false, backlog: [] }), action.alert);
    case "push":
      return state.syncing ? { ...state, backlog: [...state.backlog, action.push] } : applyPush(state, action.push);
    case "select":
      return {
        ...state,
        conversation:
          state.conversation?.sessionId === action.sessionId
            ? state.conversation
            : { sessionId: action.sessionId, session: null, messages: [], loading: true, requestedAtVersion: state.versions[sessionKey(action.sessionId)] ?? 0 },
        myChats: state.myChats.map((chat) => (chat.id === action.sessionId && chat.unread ? { ...chat, unread: false } : chat)),
      };
    case "history_requested":
      return state.conversation?.sessionId === action.sessionId
        ? { ...state, conversation: { ...state.conversation, loading: true, requestedAtVersion: state.versions[sessionKey(action.sessionId)] ?? 0 } }
        : state;
    case "history": {
      if (state.conversation?.sessionId !== action.session.id) return state;
      const { conversation } = state;
      const pushedSince = conversation.session !== null && (state.versions[sessionKey(conversation.sessionId)] ?? 0) > conversation.requestedAtVersion;
      return {
        ...state,
        conversation: {
          ...conversation,
          session: pushedSince ? conversation.session : action.session,
          loading: false,
          messages: mergeMessages(conversation.messages, action.messages),
        },
        outboxes: state.outboxes[action.session.id] ? { ...state.outboxes, [action.session.id]: settleOutbox(state.outboxes[action.session.id], action.messages) } : state.outboxes,
      };
    }
    case "history_failed":
      return {
        ...state,
        ...withAlert(state, action.alert),
        conversation: state.conversation?.sessionId === action.sessionId ? { ...state.conversation, loading: false } : state.conversation,
      };
    case "claim": {
      const row = state.queue.find((item) => item.id === action.sessionId) ?? null;
      return {
        ...replacePending(state, action.requestId, { kind: "claim", sessionId: action.sessionId, row, version: state.versions[sessionKey(action.sessionId)] ?? 0 }),
        queue: withoutId(state.queue, action.sessionId),
        myChats: state.myChats.some((chat) => chat.id === action.sessionId) ? state.myChats : [{ id: action.sessionId, customerName: row?.customerName ?? null, unread: false }, ...state.myChats],
      };
    }
    case "release": {
      const chat = state.myChats.find((item) => item.id === action.sessionId) ?? null;
      return {
        ...replacePending(state, action.requestId, { kind: "release", sessionId: action.sessionId, chat, version: state.versions[sessionKey(action.sessionId)] ?? 0 }),
        myChats: withoutId(state.myChats, action.sessionId),
      };
    }
    case "set_status": {
      if (!state.me) return state;
      const me = { ...state.me, status: action.status };
      return {
        ...replacePending(state, action.requestId, { kind: "status", agentId: me.id, previous: state.me.status, version: state.versions[agentKey(me.id)] ?? 0 }),
        me,
        agents: state.agents.map((agent) => (agent.id === me.id ? me : agent)),
      };
    }
    case "send":
      return { ...state, outboxes: { ...state.outboxes, [action.sessionId]: [...(state.outboxes[action.sessionId] ?? []), action.outgoing] } };
    case "resend":
      return { ...state, outboxes: { ...state.outboxes, [action.sessionId]: markOutgoing(state.outboxes[action.sessionId] ?? [], action.clientMessageId, "sending") } };
    case "confirmed":
      return applyConfirmation(state, action.confirmation);
    case "alert":
      return withAlert(state, action.alert);
    case "dismiss_alert":
      return { ...state, alerts: state.alerts.filter((alert) => alert.id !== action.id) };
  }
}
