import Link from "next/link";
import type { ReactNode } from "react";
import { textLinkClass } from "@/components/ui/text-link";

interface Props {
  title: string;
  intro?: ReactNode;
  /** The small "Switchboard" above the title; off where the title already says it. */
  brand?: boolean;
  /** Room for a longer form (setup) instead of the sign-in width. */
  wide?: boolean;
  children: ReactNode;
  /** Below the card: the way back ("Back to sign in"). */
  back?: { href: string; label: string };
}

/** The pages outside the console (setup, invitation, password reset, not found): a title and one centred card. */
export function PublicCardPage({ title, intro, brand = true, wide = false, children, back }: Props) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className={`w-full ${wide ? "max-w-lg" : "max-w-sm"}`}>
        <div className="mb-6 text-center">
          {brand ? <p className="mb-1 text-sm font-semibold text-brand-700">Switchboard</p> : null}
          <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
          {intro ? <p className="mt-1 text-sm text-slate-600">{intro}</p> : null}
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">{children}</div>
        {back ? (
          <div className="mt-4 text-center text-sm text-slate-600">
            <Link href={back.href} className={textLinkClass}>
              {back.label}
            </Link>
          </div>
        ) : null}
      </div>
    </main>
  );
}
