/** "Alex Morgan is typing…", announced politely; keeps its line so the layout does not jump. */
export function TypingIndicator({ who }: { who: string | null }) {
  return (
    <p aria-live="polite" className="h-5 px-4 text-xs italic text-slate-500">
      {who ? `${who} is typing…` : ""}
    </p>
  );
}
