"use client";

import { TagChip } from "@/components/tags/tag-chip";
import { TagCombobox } from "@/components/tags/tag-combobox";
import type { SessionTagAction, TagWire } from "@/lib/contract/tags";

interface Props {
  /** The chat's tags as shown (pending changes included). */
  tags: readonly TagWire[];
  /** The business's tag list. */
  available: readonly TagWire[];
  onChange: (tag: TagWire, action: SessionTagAction) => void;
}

/** The open chat's tags: remove one with its ×, add one from the business's list (any member, any chat). */
export function ConversationTags({ tags, available, onChange }: Props) {
  const carried = new Set(tags.map((tag) => tag.id));
  return (
    <div className="mt-2 flex flex-wrap items-center gap-1.5">
      <ul aria-label="Tags of this chat" className="flex flex-wrap items-center gap-1.5">
        {tags.map((tag) => (
          <li key={tag.id} className="max-w-full">
            <TagChip tag={tag} onRemove={() => onChange(tag, "remove")} />
          </li>
        ))}
      </ul>
      <TagCombobox label="Add a tag to this chat" options={available.filter((tag) => !carried.has(tag.id))} onPick={(tag) => onChange(tag, "add")} />
    </div>
  );
}
