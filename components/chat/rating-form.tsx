"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { COMMENT_MAX_LENGTH } from "@/lib/contract/customer-chat";

const SCORES = [1, 2, 3, 4, 5] as const;

/** One to five stars and an optional comment; `onRate` resolves true once stored. */
export function RatingForm({ onRate }: { onRate: (score: number, comment: string) => Promise<boolean> }) {
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (score === null) return;
    setPending(true);
    // On success the parent shows the stored rating instead of this form.
    if (!(await onRate(score, comment))) setPending(false);
  }

  return (
    <form onSubmit={submit} className="space-y-3">
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">How did we do?</legend>
        <div className="mt-2 flex gap-1">
          {SCORES.map((value) => (
            <label key={value} className="relative cursor-pointer">
              <input type="radio" name="score" value={value} checked={score === value} onChange={() => setScore(value)} className="peer sr-only" />
              <span className="sr-only">{value === 1 ? "1 star" : `${value} stars`}</span>
              <span
                aria-hidden
                className={`block rounded-md px-1 text-3xl leading-none transition peer-focus-visible:ring-2 peer-focus-visible:ring-brand-500/60 ${
                  score !== null && value <= score ? "text-amber-400" : "text-slate-300 hover:text-amber-300"
                }`}
              >
                ★
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor="rating-comment" className="block text-sm font-medium text-slate-700">
          Comment <span className="font-normal text-slate-500">(optional)</span>
        </label>
        <textarea
          id="rating-comment"
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          rows={2}
          maxLength={COMMENT_MAX_LENGTH}
          className="mt-1 block w-full resize-y rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30"
        />
      </div>
      <Button type="submit" disabled={score === null || pending}>
        {pending ? "Sending…" : "Send rating"}
      </Button>
    </form>
  );
}
