/**
 * Search snippets cross the wire as text parts, never as markup: PostgreSQL's ts_headline marks the
 * matches with two private-use characters (which are removed from the message first), and the
 * server splits its output here. A page renders the parts as text with <mark>, so nothing a
 * customer wrote can ever become HTML.
 */
import type { HighlightPart } from "../contract/conversations";

/** Begins a match in ts_headline's output (U+E000, private use: no real text has it once stripped). */
export const MATCH_START = "\uE000";
/** Ends a match. */
export const MATCH_STOP = "\uE001";

/** `headline` (ts_headline with MATCH_START/MATCH_STOP) as parts; adjacent parts of one kind are merged, stray markers dropped. */
export function splitHighlight(headline: string): HighlightPart[] {
  const parts: HighlightPart[] = [];
  let match = false;
  let text = "";
  const flush = () => {
    if (text === "") return;
    const last = parts[parts.length - 1];
    if (last && last.match === match) last.text += text;
    else parts.push({ text, match });
    text = "";
  };
  for (const char of headline) {
    if (char === MATCH_START || char === MATCH_STOP) {
      flush();
      match = char === MATCH_START;
    } else {
      text += char;
    }
  }
  flush();
  return parts;
}
