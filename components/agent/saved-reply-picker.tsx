"use client";

import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type TextareaHTMLAttributes } from "react";
import { MESSAGE_MAX_LENGTH } from "@/lib/contract/customer-chat";
import type { SavedReplyAttachmentWire, SavedReplyWire } from "@/lib/contract/saved-replies";
import { insertAtSlash, matchSavedReplies, PICKER_MAX_RESULTS, slashQueryAt } from "@/lib/replies/picker";
import { fillTemplate, unfilledPlaceholders, type TemplateContext, type UnfilledPlaceholder } from "@/lib/replies/template";
import { formatBytes } from "@/lib/files/file-name";

/** The business's saved replies as the workspace keeps them (fetched, then pushed live). */
export interface SavedRepliesList {
  replies: SavedReplyWire[] | null;
  failed: boolean;
  /** Fetches again after a failure. */
  retry: () => void;
}

/** A picked saved reply's file, sent after the text unless the agent takes it off. */
export interface PendingReplyFile {
  savedReplyId: string;
  attachment: SavedReplyAttachmentWire;
}

interface Options extends SavedRepliesList {
  /** Only replies to the customer use saved replies (and must have every variable filled); a private note writes freely. */
  enabled: boolean;
  context: TemplateContext;
}

/**
 * The reply box's draft with "/" saved replies: the box stays focused and works as a combobox
 * (aria-activedescendant into a listbox), arrows move, Enter or Tab inserts the reply with its
 * variables filled, Escape closes. Whatever could not be filled stays in the draft, listed next to
 * the box, and holds sending back until the agent has replaced it.
 */
export function useSavedReplyPicker({ enabled, context, replies, failed, retry }: Options) {
  const id = useId();
  const listId = `${id}-saved-replies`;
  const problemsId = `${id}-unfilled`;
  const box = useRef<HTMLTextAreaElement>(null);
  const [draft, setDraft] = useState("");
  const [caret, setCaret] = useState(0);
  const [focused, setFocused] = useState(false);
  const [active, setActive] = useState(0);
  // Escape closes the list for this "/" (typing on does not reopen it; a new "/" does).
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [file, setFile] = useState<PendingReplyFile | null>(null);

  const slash = enabled && focused ? slashQueryAt(draft, caret) : null;
  const open = slash !== null && slash.start !== dismissedAt;
  const allMatches = open && replies ? matchSavedReplies(replies, slash.query) : [];
  const matches = allMatches.slice(0, PICKER_MAX_RESULTS);
  const activeIndex = Math.min(active, Math.max(matches.length - 1, 0));
  const optionId = (reply: SavedReplyWire) => `${listId}-${reply.id}`;

  const unfilled = enabled ? unfilledPlaceholders(draft, context) : [];
  const tooLong = enabled && draft.trim().length > MESSAGE_MAX_LENGTH ? draft.trim().length : null;
  const canSend = unfilled.length === 0 && tooLong === null;

  // The list is kept current by pushes; only a failed fetch is tried again, when "/" asks for it.
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open && !wasOpen.current && failed) retry();
    wasOpen.current = open;
  }, [open, failed, retry]);

  // Where the caret goes once a picked reply is rendered into the box (before the next keystroke can land elsewhere).
  const caretAfterPick = useRef<number | null>(null);
  useLayoutEffect(() => {
    const at = caretAfterPick.current;
    if (at === null) return;
    caretAfterPick.current = null;
    box.current?.focus();
    box.current?.setSelectionRange(at, at);
  }, [draft]);

  function pick(reply: SavedReplyWire) {
    if (!slash) return;
    const filled = fillTemplate(reply.body, context);
    const next = insertAtSlash(draft, slash, filled.text);
    caretAfterPick.current = next.caret;
    setCaret(next.caret);
    setDraft(next.draft);
    // A reply that itself ends in "/word" must not open the list again.
    setDismissedAt(slashQueryAt(next.draft, next.caret)?.start ?? null);
    if (reply.attachment) setFile({ savedReplyId: reply.id, attachment: reply.attachment });
    const left = filled.unknown.length + filled.empty.length;
    const withFile = reply.attachment ? ` ${reply.attachment.file_name} will be sent with it.` : "";
    setAnnouncement(`Inserted “${reply.title}”.${withFile}${left ? ` ${left === 1 ? "One variable needs" : `${left} variables need`} replacing before you can send.` : ""}`);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (!open || event.nativeEvent.isComposing) return;
    if (event.key === "Escape") {
      event.preventDefault();
      setDismissedAt(slash.start);
      return;
    }
    // With nothing to pick, keys keep their usual meaning ("/nothing" + Enter sends it).
    if (matches.length === 0) return;
    const step = event.key === "ArrowDown" ? 1 : event.key === "ArrowUp" ? -1 : 0;
    if (step) {
      event.preventDefault();
      setActive((activeIndex + step + matches.length) % matches.length);
    } else if ((event.key === "Enter" && !event.shiftKey) || (event.key === "Tab" && !event.shiftKey)) {
      event.preventDefault();
      pick(matches[activeIndex]);
    }
  }

  const boxProps: TextareaHTMLAttributes<HTMLTextAreaElement> = {
    onKeyDown,
    onChange: (event) => {
      setCaret(event.target.selectionStart);
      setActive(0);
      setAnnouncement("");
      if (!slashQueryAt(event.target.value, event.target.selectionStart)) setDismissedAt(null);
    },
    onSelect: (event) => setCaret(event.currentTarget.selectionStart),
    onFocus: () => setFocused(true),
    onBlur: () => setFocused(false),
    "aria-autocomplete": enabled ? "list" : undefined,
    "aria-controls": open && matches.length ? listId : undefined,
    "aria-activedescendant": open && matches.length ? optionId(matches[activeIndex]) : undefined,
    "aria-describedby": unfilled.length || tooLong !== null ? problemsId : undefined,
  };

  /** Selects a placeholder in the box, so typing replaces it. */
  function selectInBox(placeholder: UnfilledPlaceholder) {
    const element = box.current;
    if (!element) return;
    element.focus();
    element.setSelectionRange(placeholder.index, placeholder.index + placeholder.text.length);
  }

  return {
    draft,
    setDraft,
    canSend,
    /** The picked reply's file waiting to go out with the text; `takeFile` hands it over (on sending) or drops it. */
    file,
    takeFile: () => {
      setFile(null);
      return file;
    },
    boxRef: box,
    boxProps,
    list: open ? { id: listId, query: slash.query, replies, failed, matches, more: allMatches.length - matches.length, activeIndex, optionId, pick, hover: setActive } : null,
    problems: unfilled.length || tooLong !== null ? { id: problemsId, unfilled, tooLong, customerName: context.customer.name, selectInBox } : null,
    // While the list is open it says how many match (the options themselves are read as the arrows reach them).
    announcement: open && matches.length ? `${matches.length} saved ${matches.length === 1 ? "reply" : "replies"}: arrow keys to choose, Enter to insert, Escape to close.` : announcement,
  };
}

export type SavedReplyList = NonNullable<ReturnType<typeof useSavedReplyPicker>["list"]>;
export type UnfilledProblems = NonNullable<ReturnType<typeof useSavedReplyPicker>["problems"]>;

/** The "/" list above the reply box (never scrolling: it shows the best few). Options are picked with the mouse without taking the focus from the box. */
export function SavedReplyListbox({ list }: { list: SavedReplyList }) {
  const empty =
    list.replies === null
      ? list.failed
        ? "Saved replies could not be loaded."
        : "Loading saved replies…"
      : list.replies.length === 0
        ? "No saved replies yet: owners and admins add them under Saved replies."
        : list.matches.length === 0
          ? `No saved reply matches “/${list.query}”.`
          : null;

  return (
    <div className="absolute inset-x-3 bottom-full z-20 mb-1 overflow-hidden rounded-md border border-slate-300 bg-white shadow-lg">
      <p className="border-b border-slate-200 bg-slate-50 px-3 py-1.5 text-xs text-slate-600">
        Saved replies<span className="hidden sm:inline"> · ↑ ↓ to choose, Enter to insert, Esc to close</span>
      </p>
      {empty ? (
        <p className="px-3 py-2 text-sm text-slate-600">{empty}</p>
      ) : (
        <ul id={list.id} role="listbox" aria-label="Saved replies" className="py-1">
          {list.matches.map((reply, index) => {
            const selected = index === list.activeIndex;
            return (
              <li
                key={reply.id}
                id={list.optionId(reply)}
                role="option"
                aria-selected={selected}
                onMouseDown={(event) => event.preventDefault()}
                onMouseMove={() => list.hover(index)}
                onClick={() => list.pick(reply)}
                className={`cursor-pointer px-3 py-2 text-sm ${selected ? "bg-brand-50 outline-2 -outline-offset-2 outline-brand-500" : "hover:bg-slate-50"}`}
              >
                <span className="flex min-w-0 items-baseline gap-2">
                  <span className="shrink-0 font-mono text-brand-700">/{reply.shortcut}</span>
                  <span className="truncate font-medium text-slate-900">{reply.title}</span>
                </span>
                <span className="block truncate text-xs text-slate-600">{reply.body}</span>
              </li>
            );
          })}
        </ul>
      )}
      {list.more > 0 ? <p className="border-t border-slate-200 px-3 py-1.5 text-xs text-slate-600">{list.more} more: type more of the shortcut or title to narrow the list.</p> : null}
    </div>
  );
}

function why(placeholder: UnfilledPlaceholder, customerName: string | null): string {
  if (placeholder.reason === "unknown") return "not a variable Switchboard knows";
  if (placeholder.reason === "typed") return "variables are filled in only when you pick a saved reply: write the value instead";
  const who = customerName ?? "The customer";
  if (placeholder.name === "customer.email") return `${who} gave no email`;
  if (placeholder.name === "customer.name") return "the customer gave no name";
  return "no value in this conversation";
}

/** What still has to be replaced before the reply can go out: each placeholder highlighted, why, and a button that selects it in the box. */
export function UnfilledVariables({ problems }: { problems: UnfilledProblems }) {
  const { unfilled, tooLong } = problems;
  return (
    <div id={problems.id} className="border-t border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950">
      {unfilled.length ? (
        <>
          <p className="font-medium">Replace {unfilled.length === 1 ? "this" : `these ${unfilled.length}`} before sending; the customer must never get a blank or braces:</p>
          <ul className="mt-1 flex flex-col gap-1">
            {unfilled.map((placeholder) => (
              <li key={`${placeholder.index}-${placeholder.text}`} className="flex flex-wrap items-center gap-x-2 gap-y-1">
                <mark className="rounded bg-amber-200 px-1 font-mono text-amber-950 [overflow-wrap:anywhere]">{placeholder.text}</mark>
                <span>{why(placeholder, problems.customerName)}</span>
                <button
                  type="button"
                  onClick={() => problems.selectInBox(placeholder)}
                  className="rounded border border-amber-400 bg-white px-2 py-0.5 text-xs font-medium text-amber-950 hover:bg-amber-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500/50"
                >
                  Select<span className="sr-only"> {placeholder.text} in the reply</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {tooLong !== null ? (
        <p className="font-medium">
          The reply is {tooLong} characters; a message holds at most {MESSAGE_MAX_LENGTH}.
        </p>
      ) : null}
    </div>
  );
}

/** The picked saved reply's file, shown as waiting to be sent with the reply, with a way to take it off. */
export function PendingFile({ file, onRemove }: { file: PendingReplyFile; onRemove: () => void }) {
  const { file_name: name, byte_size: size } = file.attachment;
  return (
    <p className="flex flex-wrap items-center gap-x-2 gap-y-1 border-t border-slate-200 bg-white px-4 py-2 text-sm text-slate-700">
      <svg aria-hidden viewBox="0 0 16 16" className="size-4 shrink-0 fill-slate-500">
        <path d="M4 1.5A1.5 1.5 0 0 0 2.5 3v10A1.5 1.5 0 0 0 4 14.5h8a1.5 1.5 0 0 0 1.5-1.5V6L9 1.5H4Zm5 1.2L12.3 6H9V2.7Z" />
      </svg>
      <span className="min-w-0 [overflow-wrap:anywhere]">
        <span className="font-medium">{name}</span> ({formatBytes(size)}) will be sent with this reply
      </span>
      <button
        type="button"
        onClick={onRemove}
        className="rounded px-1 text-xs font-medium text-slate-600 underline underline-offset-2 hover:text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40"
      >
        Don’t send<span className="sr-only"> {name}</span>
      </button>
    </p>
  );
}
