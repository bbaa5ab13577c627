import type { ReactNode } from "react";

interface Props {
  headingId: string;
  title: string;
  /** A line under the heading: what the card is for. */
  description?: ReactNode;
  children: ReactNode;
}

/** A titled white panel of a settings-like page (a section labelled by its heading). */
export function Card({ headingId, title, description, children }: Props) {
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id={headingId} className={`text-lg font-semibold ${description ? "" : "mb-3"}`}>
        {title}
      </h2>
      {description ? <p className="mt-1 mb-3 text-sm text-slate-600">{description}</p> : null}
      {children}
    </section>
  );
}
