"use client";

import { useId, useState, type KeyboardEvent } from "react";
import { TAG_COLORS, type TagWire } from "@/lib/contract/tags";

interface Props {
  /** The tags that can still be added. */
  options: readonly TagWire[];
  onPick: (tag: TagWire) => void;
  label: string;
}

/**
 * "Add a tag": an ARIA 1.2 combobox over the business's tags. Type to narrow, ↑/↓ to move, Enter to
 * add, Escape to close; the list is a listbox whose active option the input points at.
 */
export function TagCombobox({ options, onPick, label }: Props) {
  const id = useId();
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const needle = query.trim().toLowerCase();
  const matches = options.filter((tag) => tag.name.includes(needle));
  const activeIndex = Math.min(active, Math.max(0, matches.length - 1));
  const listId = `${id}-list`;
  const optionId = (index: number) => `${id}-option-${index}`;

  const pick = (tag: TagWire) => {
    onPick(tag);
    setQuery("");
    setActive(0);
  };

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
      if (matches.length > 0) setActive((activeIndex + (event.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length);
    } else if (event.key === "Enter" && open && matches[activeIndex]) {
      event.preventDefault();
      pick(matches[activeIndex]);
    } else if (event.key === "Escape") {
      setOpen(false);
    }
  }

  const expanded = open && options.length > 0;
  return (
    <div className="relative">
      <label htmlFor={`${id}-input`} className="sr-only">
        {label}
      </label>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && matches[activeIndex] ? optionId(activeIndex) : undefined}
        autoComplete="off"
        placeholder={options.length > 0 ? "Add tag…" : "No more tags"}
        disabled={options.length === 0}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        className="w-32 rounded-full border border-slate-300 bg-white px-2.5 py-0.5 text-xs placeholder:text-slate-500 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30 disabled:bg-slate-50"
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={label}
        hidden={!expanded}
        className="absolute left-0 z-20 mt-1 max-h-56 w-56 overflow-y-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg"
      >
        {matches.length === 0 ? (
          <li role="presentation" className="px-3 py-1.5 text-xs text-slate-600">
            No tag matches “{query.trim()}”
          </li>
        ) : (
          matches.map((tag, index) => (
            <li
              key={tag.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              // Before the input's blur, so the click lands.
              onMouseDown={(event) => {
                event.preventDefault();
                pick(tag);
              }}
              onMouseEnter={() => setActive(index)}
              className={`flex cursor-pointer items-center gap-2 px-3 py-1.5 text-sm ${index === activeIndex ? "bg-brand-50" : ""}`}
            >
              <span aria-hidden="true" className="h-2.5 w-2.5 shrink-0 rounded-full" style={{ backgroundColor: TAG_COLORS[tag.color].text }} />
              <span className="truncate text-slate-900">{tag.name}</span>
            </li>
          ))
        )}
      </ul>
    </div>
  );
}
