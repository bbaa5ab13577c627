"use client";

import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { Composer } from "@/components/chat/composer";
import type { TemplateContext } from "@/lib/replies/template";
import { PendingFile, SavedReplyListbox, UnfilledVariables, useSavedReplyPicker, type SavedRepliesList } from "./saved-reply-picker";

type Mode = "reply" | "note";
const MODES: { mode: Mode; label: string }[] = [
  { mode: "reply", label: "Reply" },
  { mode: "note", label: "Private note" },
];

interface Props {
  customerName: string;
  /** The holder writes to the customer or notes for the team; anyone else only notes, and reads why. */
  canReply: boolean;
  readOnlyReason: string;
  onReply: (body: string) => void;
  /** A picked saved reply's file, sent after the reply's text. */
  onReplyFile: (savedReplyId: string, fileName: string) => void;
  onNote: (body: string) => void;
  onTyping: (typing: boolean) => void;
  /** The business's saved replies, and what their variables are filled from: the open conversation's customer, me, the business. */
  savedReplies: SavedRepliesSource;
  /** The attach button of a reply (files go to the customer; a note has none). */
  attach?: ReactNode;
}

interface SavedRepliesSource extends SavedRepliesList {
  context: TemplateContext;
}

/**
 * The box for one kind of writing. The same Composer in both modes, so a draft survives a switch;
 * a note sends no typing signal (the customer must not see something being written) and says, on
 * amber, who will read it. A reply offers the saved replies on "/" and goes out only with every
 * variable filled.
 */
function WritingBox({
  mode,
  customerName,
  onSend,
  onSendFile,
  onTyping,
  savedReplies,
  attach,
}: {
  mode: Mode;
  customerName: string;
  onSend: (body: string) => void;
  onSendFile?: (savedReplyId: string, fileName: string) => void;
  onTyping?: (typing: boolean) => void;
  savedReplies: SavedRepliesSource;
  attach?: ReactNode;
}) {
  const note = mode === "note";
  const picker = useSavedReplyPicker({ enabled: !note, ...savedReplies });
  return (
    <div className="relative">
      {picker.list ? <SavedReplyListbox list={picker.list} /> : null}
      <p role="status" className="sr-only">
        {picker.announcement}
      </p>
      {picker.problems ? <UnfilledVariables problems={picker.problems} /> : null}
      {picker.file ? <PendingFile file={picker.file} onRemove={picker.takeFile} /> : null}
      {note ? <p className="border-t border-amber-300 bg-amber-50 px-4 pt-2 text-xs text-amber-900">Only your team sees private notes; {customerName} never does.</p> : null}
      <Composer
        draft={picker.draft}
        onDraftChange={picker.setDraft}
        boxProps={picker.boxProps}
        boxRef={picker.boxRef}
        canSend={picker.canSend}
        label={note ? "Private note" : "Reply"}
        placeholder={note ? "Write a note for your team…" : `Reply to ${customerName}… (/ for saved replies)`}
        submitLabel={note ? "Add note" : "Send"}
        onSend={(body) => {
          onSend(body);
          const file = picker.takeFile();
          if (file) onSendFile?.(file.savedReplyId, file.attachment.file_name);
        }}
        onTypingChange={note ? undefined : onTyping}
        privateNote={note}
        attach={note ? undefined : attach}
      />
    </div>
  );
}

/**
 * The bottom of a conversation: "Reply | Private note" tabs for the agent holding it; for everyone
 * else, why they cannot reply and a box for a private note.
 */
export function ConversationComposer({ customerName, canReply, readOnlyReason, onReply, onReplyFile, onNote, onTyping, savedReplies, attach }: Props) {
  const [mode, setMode] = useState<Mode>("reply");
  const baseId = useId();
  const tabs = useRef<Record<Mode, HTMLButtonElement | null>>({ reply: null, note: null });

  if (!canReply) {
    return (
      <div>
        <p className="border-t border-slate-200 bg-white px-4 py-3 text-sm text-slate-500">{readOnlyReason}</p>
        <WritingBox mode="note" customerName={customerName} onSend={onNote} savedReplies={savedReplies} />
      </div>
    );
  }

  // The tabs pattern: arrows (and Home/End) move between the two, and Tab goes on into the box.
  function onTabKey(event: KeyboardEvent<HTMLButtonElement>) {
    const next: Mode | null = event.key === "ArrowLeft" || event.key === "ArrowRight" ? (mode === "reply" ? "note" : "reply") : event.key === "Home" ? "reply" : event.key === "End" ? "note" : null;
    if (!next) return;
    event.preventDefault();
    setMode(next);
    tabs.current[next]?.focus();
  }

  return (
    <div>
      <div role="tablist" aria-label="Write" className="flex gap-1 border-t border-slate-200 bg-white px-3 pt-2">
        {MODES.map((tab) => {
          const selected = tab.mode === mode;
          return (
            <button
              key={tab.mode}
              ref={(element) => {
                tabs.current[tab.mode] = element;
              }}
              type="button"
              role="tab"
              aria-selected={selected}
              aria-controls={`${baseId}-panel`}
              tabIndex={selected ? 0 : -1}
              onClick={() => setMode(tab.mode)}
              onKeyDown={onTabKey}
              className={`rounded-t-md border-b-2 px-3 py-1.5 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40 ${
                selected ? (tab.mode === "note" ? "border-amber-500 text-amber-900" : "border-brand-600 text-brand-700") : "border-transparent text-slate-600 hover:text-slate-900"
              }`}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      {/* Named by the box inside it, not by its tab: "Reply" and "Private note" each label one field. */}
      <div role="tabpanel" id={`${baseId}-panel`}>
        <WritingBox
          mode={mode}
          customerName={customerName}
          onSend={mode === "note" ? onNote : onReply}
          onSendFile={mode === "note" ? undefined : onReplyFile}
          onTyping={onTyping}
          savedReplies={savedReplies}
          attach={attach}
        />
      </div>
    </div>
  );
}
