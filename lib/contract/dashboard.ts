/**
 * The dashboard's Socket.IO contract on /dashboard (DESIGN §6): orchestration, live widget updates,
 * access changes, and every client → server event of the namespace with its ack. Universal.
 */
import { z } from "zod";
import type { ErrorBody } from "../errors/app-error";
import type { AckCallback } from "./ack";
import type {
  AgentActionName,
  AgentActionPayload,
  AgentStatusChanged,
  QueueUpdated,
  SessionHistory,
  SessionNoteAdded,
  SessionSnapshot,
  SessionTyping,
  SessionUpdated,
  UpdateConfirmed,
  WorkspaceSnapshot,
} from "./staff";
import type { TagsUpdated } from "./tags";
import type { SavedRepliesUpdated } from "./saved-replies";
import { WIDGETS, type WidgetData, type WidgetName } from "./widgets";

export const DASHBOARD_NAMESPACE = "/dashboard";

export const PHASES = ["company", "data", "llm"] as const;
export type Phase = (typeof PHASES)[number];
export type WidgetLoadStatus = "loading" | "completed" | "error";

const companyId = z.uuid({ message: "company_id must be a business id" });
const widget = z.enum(WIDGETS);

/** Client → server payloads (validated on the server; unknown keys rejected). */
export const dashboardPayloads = {
  "session.whoami": z.object({}).strict(),
  "dashboard.orchestrate_init": z.object({ company_id: companyId.optional() }).strict(),
  "dashboard.company_change": z.object({ company_id: companyId }).strict(),
  "dashboard.refresh": z.object({ widgets: z.array(widget).min(1).max(WIDGETS.length).optional() }).strict(),
  "dashboard.request_update": z.object({ widget }).strict(),
  "llm.ask": z
    .object({
      session_id: z.uuid({ message: "session_id must be the id from llm.session_ready" }),
      question: z.string().trim().min(1, { message: "Ask a question" }).max(500, { message: "Questions are at most 500 characters" }),
    })
    .strict(),
} as const;

type Payload<E extends keyof typeof dashboardPayloads> = z.infer<(typeof dashboardPayloads)[E]>;

export interface CompanySummary {
  id: string;
  name: string;
  legal_name: string;
  is_default: boolean;
}

export interface CompanyDetails {
  id: string;
  slug: string;
  name: string;
  legal_name: string;
  currency: string;
  timezone: string;
  role: string;
  settings: Record<string, unknown>;
}

export interface WidgetUpdate<W extends WidgetName = WidgetName> {
  company_id: string;
  widget: W;
  data: WidgetData[W];
  version: number;
  updated_at: string;
}

/** The dashboard assistant's answer to `llm.ask`: `intent` is the builtin rule that answered (null from a model). */
export interface DashboardAssistantAnswer {
  text: string;
  intent: string | null;
  /** The instant the figures it answered from were read. */
  as_of: string;
}

type Tagged<T> = T & { orchestration_id: string };

/**
 * This connection lost access: `session_ended` (signed out, password changed, account removed;
 * the socket is disconnected right after) or `membership_removed` (it left the business's rooms
 * and stays connected for the user's other businesses).
 */
export interface AccessRevoked {
  reason: "session_ended" | "membership_removed";
  company_id?: string;
  message: string;
}

export interface DashboardServerToClientEvents {
  "dashboard.phase_start": (payload: Tagged<{ phase: Phase }>) => void;
  "dashboard.phase_complete": (payload: Tagged<{ phase: Phase; duration_ms: number; status?: "ok" | "partial" | "error" }>) => void;
  "company.list": (payload: Tagged<{ companies: CompanySummary[] }>) => void;
  "company.details": (payload: Tagged<{ company: CompanyDetails }>) => void;
  "dashboard.data_loading_progress": (payload: Tagged<{ widget: WidgetName; status: WidgetLoadStatus; error?: ErrorBody }>) => void;
  "dashboard.full_data": (payload: Tagged<{ company_id: string; data: Partial<WidgetData>; version: number; errors: Partial<Record<WidgetName, ErrorBody>> }>) => void;
  "llm.session_ready": (payload: Tagged<{ session_id: string; company_id: string }>) => void;
  "dashboard.error": (payload: Tagged<{ phase: Phase; error: ErrorBody }>) => void;
  "dashboard.data_updated": (payload: WidgetUpdate) => void;
  "queue.updated": (payload: QueueUpdated) => void;
  "session.updated": (payload: SessionUpdated) => void;
  "agent.status_changed": (payload: AgentStatusChanged) => void;
  "session.typing": (payload: SessionTyping) => void;
  "session.note_added": (payload: SessionNoteAdded) => void;
  /** The business's tag list changed (a chat's own tags change with a session.updated, reason tagged/untagged). */
  "tags.updated": (payload: TagsUpdated) => void;
  /** The business's saved replies changed (the whole list, versioned like tags.updated). */
  "saved_replies.updated": (payload: SavedRepliesUpdated) => void;
  "dashboard.update_confirmed": (payload: UpdateConfirmed) => void;
  "access.revoked": (payload: AccessRevoked) => void;
  /** The user's role in the business this connection watches changed (what they may do changed with it). */
  "access.changed": (payload: { company_id: string; role: "OWNER" | "ADMIN" | "AGENT" }) => void;
}

/** Staff actions answer `{ success, request_id }` on acceptance; the outcome follows as dashboard.update_confirmed. */
type OptimisticAction<E extends AgentActionName> = (payload: AgentActionPayload<E>, ack: AckCallback<{ request_id: string }>) => void;

export interface DashboardClientToServerEvents {
  "session.whoami": (payload: Payload<"session.whoami">, ack: AckCallback<{ user: { id: string; email: string; name: string } }>) => void;
  "dashboard.orchestrate_init": (payload: Payload<"dashboard.orchestrate_init">, ack: AckCallback<{ orchestration_id: string; message: string }>) => void;
  "dashboard.company_change": (payload: Payload<"dashboard.company_change">, ack: AckCallback<{ orchestration_id: string; company_id: string }>) => void;
  "dashboard.refresh": (payload: Payload<"dashboard.refresh">, ack: AckCallback<{ company_id: string }>) => void;
  "dashboard.request_update": (payload: Payload<"dashboard.request_update">, ack: AckCallback<WidgetUpdate>) => void;
  "llm.ask": (payload: Payload<"llm.ask">, ack: AckCallback<{ answer: DashboardAssistantAnswer }>) => void;
  "workspace.open": (payload: AgentActionPayload<"workspace.open">, ack: AckCallback<WorkspaceSnapshot>) => void;
  "session.history": (payload: AgentActionPayload<"session.history">, ack: AckCallback<SessionHistory>) => void;
  "session.get": (payload: AgentActionPayload<"session.get">, ack: AckCallback<SessionSnapshot>) => void;
  "session.typing": (payload: AgentActionPayload<"session.typing">, ack: AckCallback<object>) => void;
  "agent.set_status": OptimisticAction<"agent.set_status">;
  "queue.claim": OptimisticAction<"queue.claim">;
  "session.send": OptimisticAction<"session.send">;
  /** A private note for the business's staff (any member may write one, on any of its chats); idempotent on client_message_id. */
  "session.note": OptimisticAction<"session.note">;
  "session.transfer": OptimisticAction<"session.transfer">;
  "session.close": OptimisticAction<"session.close">;
  /** Puts a tag of the business on a chat or takes it off (any member, any chat of the business); idempotent. */
  "session.tag": OptimisticAction<"session.tag">;
}
