import Link from "next/link";
import { textLinkClass } from "@/components/ui/text-link";
import { PublicCardPage } from "./public-card-page";

/** A single-use link (invitation, password reset) that is unknown, used or expired, and where to go instead. */
export function InvalidLinkPage({ title, message, next }: { title: string; message: string; next: { href: string; label: string } }) {
  return (
    <PublicCardPage title={title}>
      <div className="flex flex-col gap-3 text-sm text-slate-700">
        <p>{message}</p>
        <p>
          <Link href={next.href} className={textLinkClass}>
            {next.label}
          </Link>
        </p>
      </div>
    </PublicCardPage>
  );
}
