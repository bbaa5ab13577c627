import type { Metadata } from "next";
import { PublicCardPage } from "@/components/auth/public-card-page";

export const metadata: Metadata = { title: "Page not found" };

/**
 * Every 404: an unknown address, and anything the visitor may not see (another business's chat
 * or settings look the same as ones that do not exist).
 */
export default function NotFound() {
  return (
    <PublicCardPage title="Page not found" back={{ href: "/", label: "Go to your dashboard" }}>
      <p className="text-sm text-slate-700">Nothing is at this address, or it is not yours to see. Check the link you followed.</p>
    </PublicCardPage>
  );
}
