"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * What a form turned into once it is done or can no longer be used (sent, already set up, link
 * expired). It replaces the form, so its heading takes the focus the vanished button had: screen
 * readers read it out, and reading on gives the rest.
 */
export function FormOutcome({ title, children }: { title: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="flex flex-col gap-2 text-sm text-slate-700">
      <h2 ref={heading} tabIndex={-1} className="rounded text-base font-semibold text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40">
        {title}
      </h2>
      {children}
    </div>
  );
}
