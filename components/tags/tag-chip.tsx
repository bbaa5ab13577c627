import { TAG_COLORS, type TagWire } from "@/lib/contract/tags";

interface Props {
  tag: TagWire;
  /** Offers a remove button (named for the tag) when given. */
  onRemove?: () => void;
}

/** A tag as a small coloured label; every palette pair reads at WCAG AA. */
export function TagChip({ tag, onRemove }: Props) {
  const colors = TAG_COLORS[tag.color];
  return (
    <span className="inline-flex max-w-full items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium" style={{ backgroundColor: colors.background, color: colors.text }}>
      <span className="truncate">{tag.name}</span>
      {onRemove ? (
        <button
          type="button"
          onClick={onRemove}
          aria-label={`Remove tag ${tag.name}`}
          className="-mr-1 inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full hover:bg-black/10 focus:outline-none focus-visible:ring-2 focus-visible:ring-current"
        >
          <span aria-hidden="true">×</span>
        </button>
      ) : null}
    </span>
  );
}

/** A row's tags (nothing when it has none), as phrasing content so it fits inside a row's button. */
export function TagList({ tags, className = "" }: { tags: readonly TagWire[]; className?: string }) {
  if (tags.length === 0) return null;
  return (
    <span className={`flex flex-wrap gap-1 ${className}`}>
      <span className="sr-only">Tags: </span>
      {tags.map((tag) => (
        <TagChip key={tag.id} tag={tag} />
      ))}
    </span>
  );
}
