/**
 * Message bodies are plain text; the one markup they carry is a link to a help article
 * ("[Title](/help/acme/<id>)") that the assistant writes. Only links into this site's /help pages
 * become links: anything else stays text, so a customer cannot make the page link elsewhere.
 * Universal and pure.
 */
export type MessagePart = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

const HELP_LINK = /\[([^\]\n]{1,200})\]\((\/help\/[a-z0-9-]+\/[0-9a-f-]{36})\)/g;

export function messageParts(body: string): MessagePart[] {
  const parts: MessagePart[] = [];
  let last = 0;
  for (const match of body.matchAll(HELP_LINK)) {
    if (match.index > last) parts.push({ kind: "text", text: body.slice(last, match.index) });
    parts.push({ kind: "link", text: match[1], href: match[2] });
    last = match.index + match[0].length;
  }
  if (last < body.length) parts.push({ kind: "text", text: body.slice(last) });
  return parts;
}
