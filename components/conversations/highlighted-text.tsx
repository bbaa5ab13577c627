import type { HighlightPart } from "@/lib/contract/conversations";

/** A search snippet: the matched words in <mark>, everything as text (never markup from a message). */
export function HighlightedText({ parts }: { parts: HighlightPart[] }) {
  return (
    <>
      {parts.map((part, index) =>
        part.match ? (
          <mark key={index} className="rounded-sm bg-amber-200 px-0.5 text-slate-900">
            {part.text}
          </mark>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  );
}
