/**
 * Tags: a business's list of labels for its chats (billing, bug, vip…), put on and taken off a chat
 * by any member, managed by owners and admins. The admin API's bodies, the socket payload and the
 * wire shapes. Universal: shared by the server, the pages and the tests.
 */
import { z } from "zod";
import { id, requestId } from "./customer-chat";

export const TAG_NAME_MAX_LENGTH = 40;
/** A business's tag list stays short enough to pick from (and to send whole in one push). */
export const TAGS_PER_BUSINESS_MAX = 200;
/** Tags one chat can carry: every staff view of the chat sends them. */
export const TAGS_PER_SESSION_MAX = 20;
export const TAG_BODY_MAX_BYTES = 4 * 1024;

/**
 * The colours a tag can have, each a pale background with dark text of the same hue (Tailwind's
 * 100 and 800 shades): every pair reads at WCAG AA (4.5:1) and above, which the unit test checks,
 * so no tag an admin picks can fail a contrast check. Stored by name.
 */
export const TAG_COLORS = {
  gray: { background: "#f1f5f9", text: "#334155" },
  red: { background: "#fee2e2", text: "#991b1b" },
  orange: { background: "#ffedd5", text: "#9a3412" },
  amber: { background: "#fef3c7", text: "#92400e" },
  green: { background: "#dcfce7", text: "#166534" },
  teal: { background: "#ccfbf1", text: "#115e59" },
  blue: { background: "#dbeafe", text: "#1e40af" },
  violet: { background: "#ede9fe", text: "#5b21b6" },
  pink: { background: "#fce7f3", text: "#9d174d" },
} as const;
export type TagColor = keyof typeof TAG_COLORS;
export const TAG_COLOR_NAMES = Object.keys(TAG_COLORS) as TagColor[];
export const DEFAULT_TAG_COLOR: TagColor = "gray";

/** A stored colour as the palette names it: gray for a value the palette does not have. */
export const asTagColor = (color: string): TagColor => (Object.hasOwn(TAG_COLORS, color) ? (color as TagColor) : DEFAULT_TAG_COLOR);

/**
 * A tag's name as stored and compared: trimmed, inner runs of whitespace made one space, lower
 * case. "  VIP  customer" and "vip customer" are one tag.
 */
export const normalizeTagName = (name: string) => name.trim().replace(/\s+/g, " ").toLowerCase();

const tagName = z
  .string({ message: "name must be text" })
  .transform(normalizeTagName)
  .pipe(z.string().min(1, "name must not be empty").max(TAG_NAME_MAX_LENGTH, `name must be at most ${TAG_NAME_MAX_LENGTH} characters`));
const tagColor = z.enum(TAG_COLOR_NAMES, { message: `color must be one of ${TAG_COLOR_NAMES.join(", ")}` });

/** POST /api/v1/admin/tags */
export const tagCreateBody = z.object({ name: tagName, color: tagColor.default(DEFAULT_TAG_COLOR) }).strict();
export type TagCreateInput = z.infer<typeof tagCreateBody>;

/** PATCH /api/v1/admin/tags/{id} */
export const tagUpdateBody = z
  .object({ name: tagName.optional(), color: tagColor.optional() })
  .strict()
  .refine((input) => input.name !== undefined || input.color !== undefined, { message: "send name, color or both" });
export type TagUpdateInput = z.infer<typeof tagUpdateBody>;

/** Socket `session.tag`: put a tag of the business on a chat, or take it off (idempotent either way). */
export const sessionTagPayload = z.object({ session_id: id("session_id"), tag_id: id("tag_id"), action: z.enum(["add", "remove"]), request_id: requestId }).strict();
export type SessionTagAction = z.infer<typeof sessionTagPayload>["action"];

/** A tag as a chat carries it (every staff view of a session, queue entries, dashboard rows). */
export interface TagWire {
  id: string;
  name: string;
  color: TagColor;
}

/** A tag of the business's list (the settings page and GET /api/v1/admin/tags). */
export interface TagListEntry extends TagWire {
  created_at: string;
  /** Chats carrying it now, ended ones included. */
  session_count: number;
}

/** Tags in the order every list shows them: by name. */
export const byTagName = (a: TagWire, b: TagWire) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

/** A stored tag (a Tag row's columns) on the wire. */
export const toTagWire = (row: { id: string; name: string; color: string }): TagWire => ({ id: row.id, name: row.name, color: asTagColor(row.color) });

/** A session's tags as read with it (SessionTag rows with their tag, from Prisma or SQL JSON), by name. */
export const toSessionTags = (rows: readonly { tag: { id: string; name: string; color: string } }[]): TagWire[] => rows.map((row) => toTagWire(row.tag)).sort(byTagName);

/**
 * The business's tag list changed (created, renamed, recoloured, deleted), to its staff. The
 * whole list (it is short): a client replaces its copy when the version is newer than its own.
 */
export interface TagsUpdated {
  company_id: string;
  version: number;
  tags: TagWire[];
}

/** Whether a chat carries the tag: what every tag filter asks of a row. */
export const hasTag = (row: { tags: readonly TagWire[] }, tagId: string | null) => tagId === null || row.tags.some((tag) => tag.id === tagId);
