import type { Metadata } from "next";
import Link from "next/link";
import { PublicCardPage } from "@/components/auth/public-card-page";
import { textLinkClass } from "@/components/ui/text-link";

export const metadata: Metadata = { title: "Page not found" };

/**
 * Every 404: an unknown address, and anything the visitor may not see (another business's chat
 * or settings look the same as ones that do not exist).
 */
export default function NotFound() {
  return (
    <PublicCardPage
      title="Page not found"
      footer={
        <Link href="/" className={textLinkClass}>
          Go to your dashboard
        </Link>
      }
    >
      <p className="text-sm text-slate-700">Nothing is at this address, or it is not yours to see. Check the link you followed.</p>
    </PublicCardPage>
  );
}
