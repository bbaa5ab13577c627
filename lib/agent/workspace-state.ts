/**
 * The agent workspace's state and every change to it, as one pure reducer: the snapshot from
 * workspace.open, the live pushes of the business room, and the optimistic actions with their
 * rollback on dashboard.update_confirmed {success:false}. Pushes are applied per session by
 * version, so the lists end the same whatever order they arrive in (DESIGN §9); a push that
 * cannot be placed becomes a session.get for the hook to make (`fetches`). Private notes never
 * change: each joins the open conversation once, by id, whenever it arrives. A chat's tags are
 * part of its session (a tag change is a session change with its own version); the tag a pending
 * session.tag puts on or takes off is shown over them until it is confirmed. The socket wiring is
 * in use-agent-workspace.client.ts.
 */
import {
  isHeldOffline,
  queuedAtOf,
  queuePreview,
  type AgentStatusChanged,
  type AgentStatusName,
  type AgentWire,
  type QueueUpdated,
  type SessionChangeReason,
  type SessionNoteAdded,
  type SessionNoteWire,
  type SessionSnapshot,
  type SessionUpdated,
  type StaffSession,
  type UpdateConfirmed,
  type WorkspaceSnapshot,
} from "../contract/staff";
import type { ChatMessageWire } from "../contract/customer-chat";
import { attachmentLinkRenewed, markOutgoing, mergeMessages, settleOutbox, type OutgoingMessage } from "../chat/timeline";
import type { QueuedSession } from "../contract/widgets";
import { byTagName, type SessionTagAction, type TagsUpdated, type TagWire } from "../contract/tags";
import type { SavedRepliesUpdated, SavedReplyWire } from "../contract/saved-replies";

/** A waiting chat in the queue list (from the snapshot, a queue entry or a waiting session), or an offline message waiting for the desk to open. */
export interface QueueRow {
  id: string;
  customerName: string | null;
  priority: number;
  queuedAt: string;
  preview: string | null;
  handoffReason: string | null;
  /** The version the preview is as of; null while unknown (a row built from a session.updated without the customer's words). */
  previewVersion: number | null;
  tags: TagWire[];
  /** It came in as an offline message (business hours); kept once it joined the queue. */
  offlineAt: string | null;
  /** An offline message not in the queue yet: listed apart, waiting for the desk to open. */
  heldOffline: boolean;
}

/** A chat the signed-in agent holds. */
export interface MyChat {
  id: string;
  customerName: string | null;
  /** A customer message arrived while another conversation was open. */
  unread: boolean;
  tags: TagWire[];
}

export interface OpenConversation {
  sessionId: string;
  /** Null until session.history answers. */
  session: StaffSession | null;
  messages: ChatMessageWire[];
  /** The team's private notes on it (never the customer's to see). */
  notes: SessionNoteWire[];
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
  | { kind: "status"; agentId: string; previous: AgentStatusName; version: number }
  /** Shown over the chat's tags until confirmed: a refusal only drops it, nothing to undo. */
  | { kind: "tag"; sessionId: string; tag: TagWire; action: SessionTagAction };

/** A push of the business room, or a session.get answer (applied like one, in the same backlog). */
export type WorkspacePush =
  | { event: "queue.updated"; payload: QueueUpdated }
  | { event: "session.updated"; payload: SessionUpdated }
  | { event: "agent.status_changed"; payload: AgentStatusChanged }
  | { event: "session.note_added"; payload: SessionNoteAdded }
  | { event: "tags.updated"; payload: TagsUpdated }
  | { event: "saved_replies.updated"; payload: SavedRepliesUpdated }
  | { event: "session.get"; payload: SessionSnapshot };

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
  /** The snapshot held fewer waiting chats than there were: the queue list (and a filter over it) may miss some. */
  queuePartial: boolean;
  /** The business's tag list, by name, and the version it is as of. */
  tags: TagWire[];
  tagsVersion: number;
  /** The business's saved replies (null until fetched), the version they are as of, and whether the last fetch failed. */
  savedReplies: SavedReplyWire[] | null;
  savedRepliesVersion: number;
  savedRepliesFailed: boolean;
  conversation: OpenConversation | null;
  /** Replies and notes not stored yet, per session. */
  outboxes: Record<string, OutgoingMessage[]>;
  /** The last snapshot's version: a push at or below it may be in the snapshot already, or not. */
  snapshotVersion: number;
  /** Per session, the version of the last push or session.get applied since the snapshot: older pushes are stale. */
  sessionVersions: Record<string, number>;
  /** Per agent, the version of the last status push applied. */
  agentVersions: Record<string, number>;
  /** Sessions to read with session.get: "due" until the hook sends it, then "sent" until it is answered. */
  fetches: Record<string, "due" | "sent">;
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
  queuePartial: false,
  tags: [],
  tagsVersion: 0,
  savedReplies: null,
  savedRepliesVersion: 0,
  savedRepliesFailed: false,
  conversation: null,
  outboxes: {},
  snapshotVersion: 0,
  sessionVersions: {},
  agentVersions: {},
  fetches: {},
  pending: {},
  alerts: [],
};

export type WorkspaceAction =
  | { type: "open_started" }
  | { type: "snapshot"; snapshot: WorkspaceSnapshot }
  | { type: "open_failed"; alert: WorkspaceAlert }
  | { type: "push"; push: WorkspacePush }
  | { type: "fetches_sent"; sessionIds: string[] }
  | { type: "fetched"; snapshot: SessionSnapshot }
  | { type: "fetch_failed"; sessionId: string }
  | { type: "select"; sessionId: string }
  | { type: "history_requested"; sessionId: string }
  | { type: "history"; session: StaffSession; messages: ChatMessageWire[]; notes: SessionNoteWire[] }
  | { type: "history_failed"; sessionId: string; alert: WorkspaceAlert }
  | { type: "claim"; requestId: string; sessionId: string }
  | { type: "release"; requestId: string; sessionId: string }
  | { type: "set_status"; requestId: string; status: AgentStatusName }
  | { type: "tag"; requestId: string; sessionId: string; tag: TagWire; action: SessionTagAction }
  | { type: "send"; sessionId: string; outgoing: OutgoingMessage }
  | { type: "resend"; sessionId: string; clientMessageId: string }
  | { type: "confirmed"; confirmation: UpdateConfirmed }
  | { type: "alert"; alert: WorkspaceAlert }
  | { type: "dismiss_alert"; id: string }
  /** The business's saved replies as fetched over HTTP (versioned like their push), or the fetch failed. */
  | { type: "saved_replies"; companyId: string; version: number; replies: SavedReplyWire[] }
  | { type: "saved_replies_failed"; companyId: string };

/**
 * What one push or session.get answer says of one session as of its version. A queue.updated says
 * only whether the session waits (with its entry) or has left the queue.
 */
interface SessionFacts {
  sessionId: string;
  version: number;
  /** The whole session; null from a queue.updated. */
  session: StaffSession | null;
  /** Its queue entry, null when not waiting; undefined where the event does not carry one (session.updated). */
  entry?: QueuedSession | null;
  message: ChatMessageWire | null;
  /** The change put the session in the queue: its queue.updated, with the entry, is on its way. */
  entersQueue: boolean;
}

// The server sends a queue.updated with the entry for every change that puts a session in the queue.
const QUEUE_ENTRY_REASONS: readonly SessionChangeReason[] = ["handoff", "queued"];

type SessionPush = Exclude<WorkspacePush, { event: "agent.status_changed" | "session.note_added" | "tags.updated" | "saved_replies.updated" }>;

function factsOf(push: SessionPush): SessionFacts {
  switch (push.event) {
    case "queue.updated":
      return { sessionId: push.payload.session_id, version: push.payload.version, session: null, entry: push.payload.entry, message: null, entersQueue: false };
    case "session.updated": {
      const { session, version, message, reason } = push.payload;
      return { sessionId: session.id, version, session, message, entersQueue: QUEUE_ENTRY_REASONS.includes(reason) };
    }
    case "session.get": {
      const { session, version, entry } = push.payload;
      return { sessionId: session.id, version, session, entry, message: null, entersQueue: false };
    }
  }
}

/** Whether the facts put the session in the queue (a queue.updated without an entry: it left). */
const waits = (facts: SessionFacts) => (facts.session ? facts.session.status === "WAITING" : Boolean(facts.entry));

/** The customer's words the facts show, if any: a queue entry's preview, or a customer message. */
function previewIn(facts: SessionFacts): string | null | undefined {
  if (facts.entry) return facts.entry.preview;
  if (facts.message?.author === "CUSTOMER") return queuePreview(facts.message.body);
  return undefined;
}

/** A row's preview is kept by its own version: the newest words win, whatever order they arrived in. */
function withPreview(row: QueueRow, facts: SessionFacts): QueueRow {
  const preview = previewIn(facts);
  if (preview === undefined || (row.previewVersion !== null && row.previewVersion >= facts.version)) return row;
  return { ...row, preview, previewVersion: facts.version };
}

const entryFields = (entry: QueuedSession) => ({
  id: entry.id,
  customerName: entry.customer.name,
  priority: entry.priority,
  queuedAt: entry.queued_at,
  handoffReason: entry.handoff_reason,
  tags: entry.tags,
  offlineAt: entry.offline_at,
  heldOffline: entry.held_offline,
});
const sessionFields = (session: StaffSession) => ({
  id: session.id,
  customerName: session.customer.name,
  priority: session.priority,
  queuedAt: queuedAtOf(session),
  handoffReason: session.handoff_reason,
  tags: session.tags,
  offlineAt: session.offline_at,
  heldOffline: isHeldOffline(session),
});

const rowFromEntry = (entry: QueuedSession, version: number): QueueRow => ({ ...entryFields(entry), preview: entry.preview, previewVersion: version });

/** The session's row if the facts say it waits: the entry's or the session's fields, the preview kept until newer words come. */
function queueRowOf(facts: SessionFacts, existing: QueueRow | null): QueueRow | null {
  const fields = facts.entry ? entryFields(facts.entry) : facts.session?.status === "WAITING" ? sessionFields(facts.session) : null;
  if (!fields) return null;
  return withPreview({ ...fields, preview: existing?.preview ?? null, previewVersion: existing?.previewVersion ?? null }, facts);
}

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

/** The session's queue row: in the list, or held by my pending claim. */
const queueRowFor = (state: WorkspaceState, sessionId: string) => state.queue.find((row) => row.id === sessionId) ?? pendingFor(state, "claim", sessionId)?.[1].row ?? null;

/** Puts (or, with null, takes) the session's row in the list; while my claim is pending its action keeps it, for a rollback. */
function withQueueRow(state: WorkspaceState, sessionId: string, row: QueueRow | null): WorkspaceState {
  const claim = pendingFor(state, "claim", sessionId);
  if (claim) return replacePending(state, claim[0], { ...claim[1], row });
  return { ...state, queue: row ? upsertQueueRow(state.queue, row) : withoutId(state.queue, sessionId) };
}

/** One fetch per session until it is answered. */
const withFetch = (state: WorkspaceState, sessionId: string): WorkspaceState => (state.fetches[sessionId] ? state : { ...state, fetches: { ...state.fetches, [sessionId]: "due" } });

/**
 * A stored message is a fact whatever its push's version (it can be published after a newer
 * change): it joins the open conversation once, settles my reply, and marks my chat unread.
 */
function withMessage(state: WorkspaceState, sessionId: string, message: ChatMessageWire | null): WorkspaceState {
  if (!message) return state;
  let next = state;
  const isOpen = next.conversation?.sessionId === sessionId;
  if (next.conversation && isOpen) next = { ...next, conversation: { ...next.conversation, messages: mergeMessages(next.conversation.messages, [message]) } };
  if (next.outboxes[sessionId]) next = { ...next, outboxes: { ...next.outboxes, [sessionId]: settleOutbox(next.outboxes[sessionId], [message]) } };
  if (message.author === "CUSTOMER" && !isOpen && next.myChats.some((chat) => chat.id === sessionId && !chat.unread)) {
    next = { ...next, myChats: next.myChats.map((chat) => (chat.id === sessionId ? { ...chat, unread: true } : chat)) };
  }
  return next;
}

/** A note, whenever it arrives (push, confirmation): joins the open conversation once and settles my unsaved copy. */
function withNote(state: WorkspaceState, note: SessionNoteWire): WorkspaceState {
  const sessionId = note.session_id;
  let next = state;
  if (next.conversation?.sessionId === sessionId) next = { ...next, conversation: { ...next.conversation, notes: mergeMessages(next.conversation.notes, [note]) } };
  if (next.outboxes[sessionId]) next = { ...next, outboxes: { ...next.outboxes, [sessionId]: settleOutbox(next.outboxes[sessionId], [note]) } };
  return next;
}

/** Whether the session is shown anywhere (or pending), or the facts would show it. */
function concernsWorkspace(state: WorkspaceState, facts: SessionFacts): boolean {
  const { sessionId, session } = facts;
  const shown =
    state.conversation?.sessionId === sessionId ||
    queueRowFor(state, sessionId) !== null ||
    state.myChats.some((chat) => chat.id === sessionId) ||
    pendingFor(state, "release", sessionId) !== undefined;
  return shown || waits(facts) || (session !== null && isMine(state, session));
}

/** My chats as the facts leave them: mine while ACTIVE with me (or while my claim of it is pending). */
function placeInMyChats(state: WorkspaceState, facts: SessionFacts): WorkspaceState {
  const { sessionId, session } = facts;
  // A queue.updated without an entry says the session left the queue, not for whom: its session.updated does.
  if (!session && !facts.entry) return state;
  const mine = session !== null && isMine(state, session);
  const existing = state.myChats.find((item) => item.id === sessionId);
  // New in my list (claimed, assigned or transferred to me): unread until opened.
  const chat: MyChat = {
    id: sessionId,
    customerName: session?.customer.name ?? existing?.customerName ?? null,
    unread: existing ? existing.unread : state.conversation?.sessionId !== sessionId,
    tags: session?.tags ?? existing?.tags ?? [],
  };
  const release = pendingFor(state, "release", sessionId);
  // Kept out of my list until the transfer/close is settled; remembered for a rollback.
  if (release) return replacePending(state, release[0], { ...release[1], chat: mine ? chat : null });
  if (mine) return { ...state, myChats: existing ? state.myChats.map((item) => (item.id === sessionId ? chat : item)) : [chat, ...state.myChats] };
  // My optimistic claim keeps the chat in my list until the server answers it.
  if (pendingFor(state, "claim", sessionId) && waits(facts)) return state;
  return { ...state, myChats: withoutId(state.myChats, sessionId) };
}

/** Facts newer than anything applied to the session: they decide where it is listed. */
function placeSession(state: WorkspaceState, facts: SessionFacts): WorkspaceState {
  const { sessionId, session } = facts;
  let next: WorkspaceState = { ...state, sessionVersions: { ...state.sessionVersions, [sessionId]: facts.version } };
  if (session && next.conversation?.sessionId === sessionId) next = { ...next, conversation: { ...next.conversation, session } };
  const row = queueRowOf(facts, queueRowFor(next, sessionId));
  next = placeInMyChats(withQueueRow(next, sessionId, row), facts);
  // Waiting, and nothing said what the customer wrote: unless its queue entry is on its way, read it.
  return row && row.previewVersion === null && !facts.entersQueue ? withFetch(next, sessionId) : next;
}

/**
 * Applies what a push or session.get says of a session, by the session's version: newer facts
 * place it (queue, my chats), older ones can only bring newer customer words for its preview.
 * Facts at or below the snapshot's version for a session not heard of since may already be in
 * the snapshot: where they matter, the session is fetched instead of guessed.
 */
function applySessionFacts(state: WorkspaceState, facts: SessionFacts): WorkspaceState {
  const next = withMessage(state, facts.sessionId, facts.message);
  const known = next.sessionVersions[facts.sessionId];
  if (known === undefined && facts.version <= next.snapshotVersion) return concernsWorkspace(next, facts) ? withFetch(next, facts.sessionId) : next;
  if (known !== undefined && facts.version < known) {
    const row = queueRowFor(next, facts.sessionId);
    const previewed = row && withPreview(row, facts);
    return previewed && previewed !== row ? withQueueRow(next, facts.sessionId, previewed) : next;
  }
  return placeSession(next, facts);
}

function applyAgentStatusChanged(state: WorkspaceState, push: AgentStatusChanged): WorkspaceState {
  const { id } = push.agent;
  // Older than the last push applied to the agent (one change's several pushes share a version).
  if (push.version < (state.agentVersions[id] ?? 0)) return state;
  const next = { ...state, agentVersions: { ...state.agentVersions, [id]: push.version } };
  return {
    ...next,
    me: next.me?.id === push.agent.id ? push.agent : next.me,
    agents: next.agents.map((agent) => (agent.id === push.agent.id ? push.agent : agent)),
  };
}

/** A fetch or a push of the saved replies: the newer version wins, whichever arrives first. */
const withSavedReplies = (state: WorkspaceState, version: number, replies: SavedReplyWire[]): WorkspaceState =>
  version > state.savedRepliesVersion ? { ...state, savedReplies: replies, savedRepliesVersion: version, savedRepliesFailed: false } : state;

function applyPush(state: WorkspaceState, push: WorkspacePush): WorkspaceState {
  // Pushes of the business this connection watched before a switch may still be on their way.
  if (push.event !== "session.get" && state.company && push.payload.company_id !== state.company.id) return state;
  switch (push.event) {
    case "agent.status_changed":
      return applyAgentStatusChanged(state, push.payload);
    case "session.note_added":
      return withNote(state, push.payload.note);
    case "tags.updated":
      return push.payload.version > state.tagsVersion ? { ...state, tags: push.payload.tags, tagsVersion: push.payload.version } : state;
    case "saved_replies.updated":
      return withSavedReplies(state, push.payload.version, push.payload.saved_replies);
    default:
      return applySessionFacts(state, factsOf(push));
  }
}

/** A session.get answer, if it is still wanted (not one asked for in the business watched before). */
function applyFetched(state: WorkspaceState, snapshot: SessionSnapshot): WorkspaceState {
  const { [snapshot.session.id]: wanted, ...fetches } = state.fetches;
  if (!wanted) return state;
  const push: WorkspacePush = { event: "session.get", payload: snapshot };
  const next = { ...state, fetches };
  return next.syncing ? { ...next, backlog: [...next.backlog, push] } : applyPush(next, push);
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
    queue: [...snapshot.queue, ...snapshot.offline].map((entry) => rowFromEntry(entry, snapshot.version)).sort(queueOrder),
    queuePartial: snapshot.queue_total > snapshot.queue.length,
    myChats: snapshot.my_sessions.map((session) => ({ id: session.id, customerName: session.customer.name, unread: unread.has(session.id), tags: session.tags })),
    tags: snapshot.tags,
    tagsVersion: snapshot.version,
    // Not in the snapshot: fetched apart (another business's list must not linger meanwhile).
    ...(sameCompany ? {} : { savedReplies: null, savedRepliesVersion: 0, savedRepliesFailed: false }),
    conversation: sameCompany ? state.conversation : null,
    outboxes: sameCompany ? state.outboxes : {},
    // The snapshot is the sessions' new baseline: what pushes said before it no longer orders anything.
    snapshotVersion: snapshot.version,
    sessionVersions: {},
    fetches: sameCompany ? state.fetches : {},
  };
  return state.backlog.reduce(applyPush, fresh);
}

function rollback(state: WorkspaceState, action: PendingAction): WorkspaceState {
  switch (action.kind) {
    case "claim": {
      const queue = action.row && !state.queue.some((row) => row.id === action.sessionId) ? upsertQueueRow(state.queue, action.row) : state.queue;
      // A push since the claim already put my list right.
      const pushedSince = (state.sessionVersions[action.sessionId] ?? 0) > action.version;
      return { ...state, queue, myChats: pushedSince ? state.myChats : withoutId(state.myChats, action.sessionId) };
    }
    case "release":
      return action.chat && !state.myChats.some((chat) => chat.id === action.sessionId) ? { ...state, myChats: [action.chat, ...state.myChats] } : state;
    case "status": {
      if ((state.agentVersions[action.agentId] ?? 0) > action.version) return state;
      const restore = (agent: AgentWire) => (agent.id === action.agentId ? { ...agent, status: action.previous } : agent);
      return { ...state, me: state.me && restore(state.me), agents: state.agents.map(restore) };
    }
    case "tag":
      return state;
  }
}

/** A reply or note of mine: stored (it joins the conversation, its unsaved copy goes), or refused (its copy offers a retry). */
function applyWriteConfirmation(state: WorkspaceState, confirmation: UpdateConfirmed): WorkspaceState {
  const { message, note } = confirmation;
  const sessionId = (message ?? note)?.session_id ?? Object.keys(state.outboxes).find((id) => state.outboxes[id].some((entry) => entry.client_message_id === confirmation.request_id));
  if (!sessionId) return state;
  if (confirmation.success && message) return withMessage(state, sessionId, message);
  if (confirmation.success && note) return withNote(state, note);
  const error = confirmation.error?.message ?? (confirmation.action === "session.note" ? "The note was not saved." : "The reply was not sent.");
  return { ...state, outboxes: { ...state.outboxes, [sessionId]: markOutgoing(state.outboxes[sessionId] ?? [], confirmation.request_id, "failed", error) } };
}

function applyConfirmation(state: WorkspaceState, confirmation: UpdateConfirmed): WorkspaceState {
  if (confirmation.action === "session.send" || confirmation.action === "session.note") return applyWriteConfirmation(state, confirmation);
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
    case "fetches_sent":
      return { ...state, fetches: { ...state.fetches, ...Object.fromEntries(action.sessionIds.filter((id) => state.fetches[id]).map((id) => [id, "sent" as const])) } };
    case "fetched":
      return applyFetched(state, action.snapshot);
    case "fetch_failed": {
      // Not retried here: the next push that cannot be placed asks again, and a reconnect re-syncs everything.
      const { [action.sessionId]: _failed, ...fetches } = state.fetches;
      return { ...state, fetches };
    }
    case "select":
      return {
        ...state,
        conversation:
          state.conversation?.sessionId === action.sessionId
            ? state.conversation
            : { sessionId: action.sessionId, session: null, messages: [], notes: [], loading: true, requestedAtVersion: state.sessionVersions[action.sessionId] ?? 0 },
        myChats: state.myChats.map((chat) => (chat.id === action.sessionId && chat.unread ? { ...chat, unread: false } : chat)),
      };
    case "history_requested":
      return state.conversation?.sessionId === action.sessionId
        ? { ...state, conversation: { ...state.conversation, loading: true, requestedAtVersion: state.sessionVersions[action.sessionId] ?? 0 } }
        : state;
    case "history": {
      if (state.conversation?.sessionId !== action.session.id) return state;
      const { conversation } = state;
      const pushedSince = conversation.session !== null && (state.sessionVersions[conversation.sessionId] ?? 0) > conversation.requestedAtVersion;
      return {
        ...state,
        conversation: {
          ...conversation,
          session: pushedSince ? conversation.session : action.session,
          loading: false,
          messages: mergeMessages(conversation.messages, action.messages, attachmentLinkRenewed),
          notes: mergeMessages(conversation.notes, action.notes),
        },
        outboxes: state.outboxes[action.session.id]
          ? { ...state.outboxes, [action.session.id]: settleOutbox(state.outboxes[action.session.id], [...action.messages, ...action.notes]) }
          : state.outboxes,
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
        ...replacePending(state, action.requestId, { kind: "claim", sessionId: action.sessionId, row, version: state.sessionVersions[action.sessionId] ?? 0 }),
        queue: withoutId(state.queue, action.sessionId),
        myChats: state.myChats.some((chat) => chat.id === action.sessionId)
          ? state.myChats
          : [{ id: action.sessionId, customerName: row?.customerName ?? null, unread: false, tags: row?.tags ?? [] }, ...state.myChats],
      };
    }
    case "release": {
      const chat = state.myChats.find((item) => item.id === action.sessionId) ?? null;
      return {
        ...replacePending(state, action.requestId, { kind: "release", sessionId: action.sessionId, chat, version: state.sessionVersions[action.sessionId] ?? 0 }),
        myChats: withoutId(state.myChats, action.sessionId),
      };
    }
    case "set_status": {
      if (!state.me) return state;
      const me = { ...state.me, status: action.status };
      return {
        ...replacePending(state, action.requestId, { kind: "status", agentId: me.id, previous: state.me.status, version: state.agentVersions[me.id] ?? 0 }),
        me,
        agents: state.agents.map((agent) => (agent.id === me.id ? me : agent)),
      };
    }
    case "tag":
      return replacePending(state, action.requestId, { kind: "tag", sessionId: action.sessionId, tag: action.tag, action: action.action });
    case "send":
      return { ...state, outboxes: { ...state.outboxes, [action.sessionId]: [...(state.outboxes[action.sessionId] ?? []), action.outgoing] } };
    case "resend":
      return { ...state, outboxes: { ...state.outboxes, [action.sessionId]: markOutgoing(state.outboxes[action.sessionId] ?? [], action.clientMessageId, "sending") } };
    case "confirmed":
      return applyConfirmation(state, action.confirmation);
    case "alert":
      return withAlert(state, action.alert);
    case "saved_replies":
      return action.companyId === state.company?.id ? withSavedReplies(state, action.version, action.replies) : state;
    case "saved_replies_failed":
      return action.companyId === state.company?.id ? { ...state, savedRepliesFailed: true } : state;
    case "dismiss_alert":
      return { ...state, alerts: state.alerts.filter((alert) => alert.id !== action.id) };
  }
}

/** A chat's tags as the workspace shows them: the server's, with my pending additions and removals over them (in the order sent). */
export function shownTags(state: Pick<WorkspaceState, "pending">, sessionId: string, tags: readonly TagWire[]): TagWire[] {
  let shown = [...tags];
  for (const action of Object.values(state.pending)) {
    if (action.kind !== "tag" || action.sessionId !== sessionId) continue;
    shown = shown.filter((tag) => tag.id !== action.tag.id);
    if (action.action === "add") shown.push(action.tag);
  }
  return shown.sort(byTagName);
}
