"use client";

import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/input";

interface Props {
  label: string;
  url: string;
  /** Take the focus when shown (the link just made is what the person wants next). */
  focusOnMount?: boolean;
}

/** A single-use link in a read-only field with a Copy button (it announces "Copied"; without clipboard access the text is selected to copy by hand). */
export function CopyLink({ label, url, focusOnMount = false }: Props) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string | null>(null);

  useEffect(() => {
    if (focusOnMount) input.current?.focus();
  }, [focusOnMount]);

  async function copy() {
    setCopied(null);
    try {
      await navigator.clipboard.writeText(url);
      setCopied("Copied.");
    } catch {
      input.current?.select();
      setCopied("Selected: press Ctrl+C (⌘C) to copy.");
    }
  }

  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <div className="mt-1 flex flex-wrap items-center gap-2 sm:flex-nowrap">
        <input ref={input} id={id} readOnly value={url} onFocus={(event) => event.currentTarget.select()} className={`${inputClass} mt-0 min-w-0 flex-1 font-mono text-xs`} />
        <Button type="button" variant="secondary" onClick={() => void copy()}>
          Copy<span className="sr-only"> {label.toLowerCase()}</span>
        </Button>
      </div>
      <p role="status" className="mt-1 text-xs text-emerald-700">
        {copied}
      </p>
    </div>
  );
}
