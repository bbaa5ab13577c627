import { selectClass } from "@/components/ui/select";
import type { TagWire } from "@/lib/contract/tags";

interface Props {
  id: string;
  tags: readonly TagWire[];
  /** The chosen tag's id; null = every chat. */
  value: string | null;
  onChange: (tagId: string | null) => void;
}

/** "Filter by tag": a native select, so it works the same with a keyboard, a screen reader and a phone. */
export function TagFilter({ id, tags, value, onChange }: Props) {
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        Filter by tag
      </label>
      <select id={id} value={value ?? ""} onChange={(event) => onChange(event.target.value || null)} className={`${selectClass} max-w-[12rem]`}>
        <option value="">All chats</option>
        {tags.map((tag) => (
          <option key={tag.id} value={tag.id}>
            {tag.name}
          </option>
        ))}
      </select>
    </div>
  );
}
