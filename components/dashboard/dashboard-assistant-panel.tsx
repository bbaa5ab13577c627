"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/input";
import type { PhaseStatus } from "@/lib/dashboard/dashboard-state";
import type { AskAssistant } from "@/lib/dashboard/use-dashboard-data.client";
import { SUGGESTED_QUESTIONS } from "@/lib/dashboard/assistant/intents";
import type { DashboardAssistantAnswer } from "@/lib/contract/dashboard";
import { formatClock } from "./panel";

const MAX_QUESTION_LENGTH = 500;

type Turn = { id: number; question: string } & ({ state: "pending" } | { state: "answered"; answer: DashboardAssistantAnswer } | { state: "error"; message: string });

type AssistantStatus = "ready" | "error" | "loading";

const HINTS: Record<AssistantStatus, string> = {
  ready: "Answers come from this business's current dashboard figures.",
  error: "The assistant could not start for this dashboard; the panels above are not affected. Refresh the page to try again.",
  loading: "The assistant starts once the dashboard has loaded…",
};

interface Props {
  /** The orchestration's assistant session; null until llm.session_ready arrives. */
  sessionId: string | null;
  /** The orchestration's llm phase, to tell "starting" from "could not start". */
  phase: PhaseStatus;
  ask: AskAssistant;
}

/**
 * "Ask about your dashboard": questions answered from the business's current figures. Its errors
 * stay inside this panel. Mounted per business (keyed by the parent), so a company change starts
 * an empty history.
 */
export function DashboardAssistantPanel({ sessionId, phase, ask }: Props) {
  const headingId = useId();
  const inputId = useId();
  const hintId = useId();
  const { question, setQuestion, turns, pending, submit } = useConversation(sessionId, ask);
  const ready = sessionId !== null && !pending;
  const status: AssistantStatus = sessionId ? "ready" : phase === "error" ? "error" : "loading";

  return (
    <section aria-labelledby={headingId} data-status={status} className="flex flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm lg:col-span-3">
      <header className="mb-3">
        <h2 id={headingId} className="text-base font-semibold">
          Ask about your dashboard
        </h2>
        <p id={hintId} className="text-xs text-slate-600">
          {HINTS[status]}
        </p>
      </header>
      <TurnLog turns={turns} />
      <QuestionForm
        inputId={inputId}
        hintId={hintId}
        question={question}
        onChange={setQuestion}
        onSubmit={() => void submit(question)}
        inputDisabled={!sessionId}
        canAsk={ready && question.trim() !== ""}
        pending={pending}
      />
      <SuggestedQuestions disabled={!ready} onPick={(suggestion) => void submit(suggestion)} />
    </section>
  );
}

/** The typed question and the asked turns; asking clears the question, one question at a time. */
function useConversation(sessionId: string | null, ask: AskAssistant) {
  const [question, setQuestion] = useState("");
  const [turns, setTurns] = useState<Turn[]>([]);
  const nextId = useRef(0);
  const pending = turns.some((t) => t.state === "pending");

  async function submit(text: string) {
    const asked = text.trim();
    if (!sessionId || !asked || pending) return;
    const id = nextId.current++;
    setTurns((all) => [...all, { id, question: asked, state: "pending" }]);
    setQuestion("");
    const ack = await ask(sessionId, asked);
    setTurns((all) =>
      all.map((t) => (t.id !== id ? t : ack.success ? { id, question: asked, state: "answered", answer: ack.answer } : { id, question: asked, state: "error", message: ack.error.message })),
    );
  }

  return { question, setQuestion, turns, pending, submit };
}

function TurnLog({ turns }: { turns: Turn[] }) {
  const logRef = useRef<HTMLDivElement>(null);

  // Newest last: keep the latest turn in view.
  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [turns]);

  return (
    <div ref={logRef} role="log" aria-live="polite" aria-label="Questions and answers" className="max-h-80 overflow-y-auto">
      {turns.length === 0 ? (
        <p className="text-sm text-slate-600">No questions yet. Type one below or pick a suggestion.</p>
      ) : (
        <ol className="space-y-3">
          {turns.map((turn) => (
            <TurnItem key={turn.id} turn={turn} />
          ))}
        </ol>
      )}
    </div>
  );
}

function TurnItem({ turn }: { turn: Turn }) {
  return (
    <li className="text-sm" aria-busy={turn.state === "pending"}>
      <p className="font-medium text-slate-900">
        <span className="sr-only">You asked: </span>
        {turn.question}
      </p>
      {turn.state === "pending" ? (
        <p className="mt-1 text-slate-600">Thinking…</p>
      ) : turn.state === "error" ? (
        <p className="mt-1 rounded-md bg-red-50 px-3 py-2 text-red-800">Could not answer: {turn.message}</p>
      ) : (
        <div className="mt-1 rounded-md bg-slate-50 px-3 py-2">
          <p className="whitespace-pre-line text-slate-900">{turn.answer.text}</p>
          <p className="mt-1 text-xs text-slate-600">
            As of <time dateTime={turn.answer.as_of}>{formatClock(turn.answer.as_of)}</time>
          </p>
        </div>
      )}
    </li>
  );
}

interface QuestionFormProps {
  inputId: string;
  hintId: string;
  question: string;
  onChange: (question: string) => void;
  onSubmit: () => void;
  inputDisabled: boolean;
  canAsk: boolean;
  pending: boolean;
}

function QuestionForm({ inputId, hintId, question, onChange, onSubmit, inputDisabled, canAsk, pending }: QuestionFormProps) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };

  return (
    <form onSubmit={submit} className="mt-3 flex flex-wrap items-end gap-2">
      <div className="min-w-0 flex-1 basis-56">
        <label htmlFor={inputId} className="block text-sm font-medium">
          Your question
        </label>
        <input
          id={inputId}
          type="text"
          value={question}
          onChange={(event) => onChange(event.target.value)}
          maxLength={MAX_QUESTION_LENGTH}
          disabled={inputDisabled}
          aria-describedby={hintId}
          placeholder="e.g. How many chats are waiting?"
          className={`${inputClass} disabled:bg-slate-50`}
        />
      </div>
      <Button type="submit" disabled={!canAsk}>
        {pending ? "Asking…" : "Ask"}
      </Button>
    </form>
  );
}

function SuggestedQuestions({ disabled, onPick }: { disabled: boolean; onPick: (suggestion: string) => void }) {
  return (
    <div role="group" aria-label="Suggested questions" className="mt-3 flex flex-wrap gap-2">
      {SUGGESTED_QUESTIONS.map((suggestion) => (
        <Button key={suggestion} type="button" variant="secondary" className="px-3 py-1 text-xs" disabled={disabled} onClick={() => onPick(suggestion)}>
          {suggestion}
        </Button>
      ))}
    </div>
  );
}
