/**
 * The composer's "/" picker, as pure functions: when the text before the caret asks for saved
 * replies, which ones match best, and the draft once one is picked. Universal (unit-tested).
 */
import type { SavedReplyWire } from "../contract/saved-replies";

/** The most the list shows at once: it never scrolls; an agent narrows "/" with a few more letters. */
export const PICKER_MAX_RESULTS = 6;

export interface SlashQuery {
  /** Where the "/" is. */
  start: number;
  /** Where the query ends (the caret). */
  end: number;
  /** What follows it up to the caret (no whitespace), lowercase. */
  query: string;
}

/**
 * "/" at the start of the draft or after whitespace, with no whitespace between it and the caret:
 * `Hi! /ref|` asks for "ref". A slash inside a word or a link (`and/or`, `https://…`) does not.
 */
export function slashQueryAt(draft: string, caret: number): SlashQuery | null {
  const match = /(^|\s)\/(\S*)$/.exec(draft.slice(0, caret));
  if (!match) return null;
  return { start: match.index + match[1].length, end: caret, query: match[2].toLowerCase() };
}

/** Lower is better: the shortcut itself, then its beginning, then the title's words, then anywhere in the shortcut or title, then the body. */
function rank(reply: SavedReplyWire, query: string): number | null {
  if (!query) return 0;
  const title = reply.title.toLowerCase();
  if (reply.shortcut === query) return 0;
  if (reply.shortcut.startsWith(query)) return 1;
  if (title.startsWith(query) || title.split(/[^\p{L}\p{N}]+/u).some((word) => word.startsWith(query))) return 2;
  if (reply.shortcut.includes(query) || title.includes(query)) return 3;
  if (reply.body.toLowerCase().includes(query)) return 4;
  return null;
}

/** Every reply matching `query`, best first (ties by shortcut); the list shows the first PICKER_MAX_RESULTS. */
export function matchSavedReplies(replies: readonly SavedReplyWire[], query: string): SavedReplyWire[] {
  const needle = query.toLowerCase();
  return replies
    .map((reply) => ({ reply, rank: rank(reply, needle) }))
    .filter((entry): entry is { reply: SavedReplyWire; rank: number } => entry.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.reply.shortcut.localeCompare(b.reply.shortcut))
    .map((entry) => entry.reply);
}

/** The draft with `/query` (from the slash to the caret) replaced by `text`, and the caret just after it. */
export function insertAtSlash(draft: string, slash: SlashQuery, text: string): { draft: string; caret: number } {
  return { draft: draft.slice(0, slash.start) + text + draft.slice(slash.end), caret: slash.start + text.length };
}
