/**
 * Conversation history (issue 16): one filter schema for the /conversations page, GET
 * /api/v1/admin/conversations and the CSV export, and the wire shapes of the list, a conversation
 * and its transcript. Universal.
 */
import { z } from "zod";
import { SessionStatus } from "../db/generated/enums";
import { id, type ChatMessageWire, type MessageAuthorName } from "./customer-chat";
import type { SessionNoteWire, StaffSession } from "./staff";
import type { TagWire } from "./tags";

export const CONVERSATION_PAGE_SIZE = 25;
export const SEARCH_MAX_LENGTH = 200;
export const TAG_FILTER_MAX_LENGTH = 64;

/** How a conversation ended up: finished by the assistant alone (closed, never queued), or handed to a person (queued). */
export const CONVERSATION_OUTCOMES = ["assistant_resolved", "handed_off"] as const;
export type ConversationOutcome = (typeof CONVERSATION_OUTCOMES)[number];

const CSAT_SCORES = ["1", "2", "3", "4", "5"] as const;

/** A range bound: a calendar day in the business's time zone (`2026-11-30`), or an exact instant with its offset. */
const dateBound = (what: "from" | "to") => z.union([z.iso.date(), z.iso.datetime({ offset: true })], { message: `${what} must be a date (YYYY-MM-DD) or a date-time with its offset` });

/**
 * Where the next page starts: the last row's created_at and id, newest first (keyset pagination).
 * Readable rather than opaque: it says which conversation the page ended at.
 */
const CURSOR_PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
export const cursorOf = (row: { created_at: string; id: string }) => `${row.created_at}_${row.id}`;
export function parseCursor(cursor: string): { createdAt: Date; id: string } | null {
  const match = CURSOR_PATTERN.exec(cursor);
  if (!match) return null;
  const createdAt = new Date(match[1]);
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id: match[2] };
}

const filterFields = {
  status: z
    .array(z.enum(SessionStatus, { message: `status must be one of ${Object.values(SessionStatus).join(", ")}` }))
    .max(5)
    .optional(),
  agent_id: id("agent_id").optional(),
  /** A tag's id, or its name (names are lowercase; matched case-insensitively). */
  tag: z.string().trim().min(1).max(TAG_FILTER_MAX_LENGTH, `tag must be at most ${TAG_FILTER_MAX_LENGTH} characters`).optional(),
  from: dateBound("from").optional(),
  to: dateBound("to").optional(),
  csat: z
    .array(z.enum(CSAT_SCORES, { message: "csat must be scores from 1 to 5" }))
    .max(5)
    .transform((scores) => [...new Set(scores)].map(Number).sort())
    .optional(),
  outcome: z.enum(CONVERSATION_OUTCOMES, { message: `outcome must be ${CONVERSATION_OUTCOMES.join(" or ")}` }).optional(),
  /** Words to find in the messages (web-search syntax: "a phrase", -without, or). */
  q: z.string().trim().max(SEARCH_MAX_LENGTH, `q must be at most ${SEARCH_MAX_LENGTH} characters`).optional(),
};

const fromNotAfterTo = (filter: { from?: string; to?: string }, ctx: z.RefinementCtx) => {
  // A day and an instant compare well enough as their UTC starts: a reversed range is a typo either way.
  if (filter.from && filter.to && new Date(filter.from).getTime() > new Date(filter.to).getTime()) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "to must not be before from" });
  }
};

/** The filters of the list, the API and the page, with the page's `cursor`. */
export const conversationFilter = z
  .object({
    ...filterFields,
    cursor: z
      .string()
      .max(80)
      .refine((cursor) => parseCursor(cursor) !== null, "cursor is not one this API gave out")
      .optional(),
  })
  .strict()
  .superRefine(fromNotAfterTo);
export type ConversationFilter = z.infer<typeof conversationFilter>;

/** The export takes every matching conversation, so no cursor. */
export const conversationExportFilter = z.object(filterFields).strict().superRefine(fromNotAfterTo);
export type ConversationExportFilter = z.infer<typeof conversationExportFilter>;

/** Keys that hold a list (repeated, or comma-separated in one value). */
const LIST_KEYS = new Set(["status", "csat"]);

/** A query string's values as the filter schema reads them: empty values are absent, lists split on commas. Unknown keys stay (and are refused). */
export function filterInput(query: URLSearchParams | Record<string, string | string[] | undefined>, ignoredKeys: readonly string[] = ["company_id"]): Record<string, unknown> {
  const values = new Map<string, string[]>();
  const entries = query instanceof URLSearchParams ? [...query.entries()] : Object.entries(query).flatMap(([key, value]) => (value === undefined ? [] : [value].flat().map((v) => [key, v] as const)));
  for (const [key, value] of entries) {
    if (ignoredKeys.includes(key)) continue;
    const parts = LIST_KEYS.has(key) ? value.split(",") : [value];
    for (const part of parts.map((p) => p.trim())) {
      if (part !== "") values.set(key, [...(values.get(key) ?? []), part]);
    }
  }
  // Object.fromEntries defines own properties, so a `__proto__` key is just a (refused) key.
  return Object.fromEntries([...values].map(([key, list]) => [key, LIST_KEYS.has(key) || list.length > 1 ? list : list[0]]));
}

/** A filter as query parameters (lists comma-joined), e.g. for a page link or the export link. */
export function filterQuery(filter: ConversationExportFilter & { cursor?: string }): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) continue;
    query.set(key, Array.isArray(value) ? value.join(",") : String(value));
  }
  return query;
}

/** A search hit's text cut around the matches: `match` parts are the searched words. */
export interface HighlightPart {
  text: string;
  match: boolean;
}

/** A message that matched the search, as a highlighted excerpt. */
export interface ConversationSnippet {
  message_id: string;
  author: MessageAuthorName;
  created_at: string;
  parts: HighlightPart[];
}

/** One conversation as the history lists it. */
export interface ConversationSummary extends Pick<
  StaffSession,
  "id" | "status" | "customer" | "agent" | "created_at" | "queued_at" | "assigned_at" | "first_response_at" | "closed_at" | "last_message_at" | "handoff_reason"
> {
  outcome: ConversationOutcome | null;
  rating: { score: number; comment: string | null } | null;
  tags: TagWire[];
  message_count: number;
  /** The customer's first message, cut short: what the conversation was about. */
  preview: string | null;
}

export interface ConversationListItem extends ConversationSummary {
  /** With a search (`q`): the newest matching messages, highlighted; empty otherwise. */
  snippets: ConversationSnippet[];
}

/** GET /api/v1/admin/conversations */
export interface ConversationPage {
  conversations: ConversationListItem[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  next_cursor: string | null;
}

export const TIMELINE_EVENT_KINDS = ["created", "queued", "claimed", "assigned", "transferred", "first_response", "tagged", "closed", "abandoned", "rated"] as const;
export type TimelineEventKind = (typeof TIMELINE_EVENT_KINDS)[number];

/** Something that happened to a conversation (besides its messages and notes), oldest first. */
export interface ConversationTimelineEvent {
  at: string;
  kind: TimelineEventKind;
  /** The staff member who did it; null for the customer, the assistant or the system. */
  actor: string | null;
  /** The agent it went to (queued→claimed/assigned, transferred: the new holder). */
  agent: string | null;
  /** transferred: the previous holder. */
  from_agent: string | null;
  /** queued: the handoff reason; tagged: the tag; rated: the comment. */
  detail: string | null;
  /** rated: the score. */
  score: number | null;
}

/** GET /api/v1/admin/conversations/{id}: the staff view, with the team's private notes. */
export interface ConversationDetail {
  conversation: ConversationSummary & { handoff_summary: string | null };
  messages: ChatMessageWire[];
  notes: SessionNoteWire[];
  timeline: ConversationTimelineEvent[];
}

/** GET /api/v1/admin/conversations/{id}/transcript: `customer` (the default) never has private notes; `staff` has them, labelled. */
export const TRANSCRIPT_AUDIENCES = ["customer", "staff"] as const;
export type TranscriptAudience = (typeof TRANSCRIPT_AUDIENCES)[number];
export const transcriptQuery = z
  .object({
    format: z.enum(["txt", "json"], { message: "format must be txt or json" }).default("txt"),
    audience: z.enum(TRANSCRIPT_AUDIENCES, { message: "audience must be customer or staff" }).default("customer"),
  })
  .strict();
export type TranscriptQuery = z.infer<typeof transcriptQuery>;
