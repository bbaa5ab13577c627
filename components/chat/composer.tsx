"use client";

import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode, type Ref, type TextareaHTMLAttributes } from "react";
import { Button } from "@/components/ui/button";
import { MESSAGE_MAX_LENGTH } from "@/lib/contract/customer-chat";

/** While the person keeps typing, "typing" is re-sent this often (the other side expires it). */
const TYPING_REFRESH_MS = 3_000;
/** No keystroke for this long ends "typing". */
const TYPING_IDLE_MS = 3_000;

/** Enter submits the textarea's form, Shift+Enter adds a line (and Enter while an IME composes is left alone). */
export function submitOnEnter(event: KeyboardEvent<HTMLTextAreaElement>) {
  if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
  event.preventDefault();
  event.currentTarget.form?.requestSubmit();
}

/** Turns keystrokes into throttled typing on/off signals. */
function useTypingSignal(onTypingChange: ((typing: boolean) => void) | undefined) {
  const typingSince = useRef<number | null>(null);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const notify = useRef(onTypingChange);
  useEffect(() => {
    const previous = notify.current;
    notify.current = onTypingChange;
    // Switched to writing without typing signals (a private note): end the "typing" the other side was shown.
    if (!onTypingChange && previous && typingSince.current !== null) {
      clearTimeout(idleTimer.current);
      typingSince.current = null;
      previous(false);
    }
  }, [onTypingChange]);

  const stop = useCallback(() => {
    clearTimeout(idleTimer.current);
    if (typingSince.current !== null) notify.current?.(false);
    typingSince.current = null;
  }, []);

  const keystroke = useCallback(() => {
    if (!notify.current) return;
    const now = Date.now();
    if (typingSince.current === null || now - typingSince.current >= TYPING_REFRESH_MS) {
      typingSince.current = now;
      notify.current?.(true);
    }
    clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(stop, TYPING_IDLE_MS);
  }, [stop]);

  useEffect(() => stop, [stop]);
  return { keystroke, stop };
}

interface ComposerProps {
  label: string;
  placeholder?: string;
  onSend: (body: string) => void;
  /** Unset while writing something the other side must not see being written (a private note). */
  onTypingChange?: (typing: boolean) => void;
  submitLabel?: string;
  /** A private note for the team is written on amber, like the notes it adds. */
  privateNote?: boolean;
  /** The draft, when the writer around the box keeps it (to put a saved reply in it); otherwise the Composer keeps its own. */
  draft?: string;
  onDraftChange?: (draft: string) => void;
  /** More for the box (a suggestion list's aria-* and keys). Its onKeyDown sees a key first; preventDefault() keeps Enter from sending. */
  boxProps?: TextareaHTMLAttributes<HTMLTextAreaElement>;
  boxRef?: Ref<HTMLTextAreaElement>;
  /** False while the draft must not go out as it is (the writer around the box says why): Send is disabled and Enter sends nothing. */
  canSend?: boolean;
  /** Shown before the box: the attach button, where files can be sent. */
  attach?: ReactNode;
}

/** The message box of a conversation: Enter sends, Shift+Enter starts a new line. */
export function Composer(props: ComposerProps) {
  const { label, placeholder, onSend, onTypingChange, submitLabel = "Send", privateNote = false, boxProps, boxRef, canSend = true } = props;
  const id = useId();
  const [ownDraft, setOwnDraft] = useState("");
  const draft = props.draft ?? ownDraft;
  const setDraft = (value: string) => (props.onDraftChange ?? setOwnDraft)(value);
  const typing = useTypingSignal(onTypingChange);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = draft.trim();
    if (!body || !canSend) return;
    typing.stop();
    onSend(body);
    setDraft("");
  }

  return (
    <form onSubmit={submit} className={`flex items-end gap-2 border-t p-3 ${privateNote ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-white"}`}>
      {props.attach}
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <textarea
        {...boxProps}
        ref={boxRef}
        id={id}
        value={draft}
        rows={2}
        maxLength={MESSAGE_MAX_LENGTH}
        placeholder={placeholder}
        onChange={(event) => {
          setDraft(event.target.value);
          if (event.target.value.trim()) typing.keystroke();
          else typing.stop();
          boxProps?.onChange?.(event);
        }}
        onKeyDown={(event) => {
          boxProps?.onKeyDown?.(event);
          if (!event.defaultPrevented) submitOnEnter(event);
        }}
        onBlur={(event) => {
          typing.stop();
          boxProps?.onBlur?.(event);
        }}
        className={`block max-h-40 min-h-11 min-w-0 flex-1 resize-none rounded-md border bg-white px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 ${
          privateNote ? "border-amber-400 focus:border-amber-600 focus:ring-amber-500/30" : "border-slate-300 focus:border-brand-500 focus:ring-brand-500/30"
        }`}
      />
      <Button type="submit" disabled={!draft.trim() || !canSend}>
        {submitLabel}
      </Button>
    </form>
  );
}
