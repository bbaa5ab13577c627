"use client";

import { useId } from "react";
import { ChatHeader } from "@/components/chat/chat-header";
import { Card } from "@/components/ui/card";
import { textLinkClass } from "@/components/ui/text-link";
import { logoUrlField, type BusinessSettingsWire } from "@/lib/contract/businesses";
import { HEX_COLOR, profileDraftOf, type ProfileDraft } from "./profile-card";

/** The customer chat page's header as the profile form stands (before saving), and a link to the live page. */
export function CustomerPagePreview({ draft, saved }: { draft: ProfileDraft; saved: BusinessSettingsWire }) {
  const id = useId();
  // What the page would really show: a half-typed colour or URL is not one yet.
  const brand = {
    name: draft.name.trim() || saved.name,
    brandColor: HEX_COLOR.test(draft.brand_color) ? draft.brand_color.toLowerCase() : saved.brand_color,
    logoUrl: logoUrlField.safeParse(draft.logo_url).success ? draft.logo_url.trim() : null,
  };
  const unsaved = JSON.stringify(draft) !== JSON.stringify(profileDraftOf(saved));
  return (
    <Card headingId={`${id}-heading`} title="Customer page preview" description={unsaved ? "With your unsaved changes." : "As customers see it now."}>
      <div className="overflow-hidden rounded-lg border border-slate-200">
        <ChatHeader brand={brand} as="p" />
        <div aria-hidden className="space-y-2 bg-white px-4 py-3">
          <p className="text-sm font-semibold text-slate-800">Chat with {brand.name}</p>
          <div className="h-2 w-3/4 rounded bg-slate-200" />
          <div className="h-2 w-1/2 rounded bg-slate-200" />
        </div>
      </div>
      <a href={`/chat/${encodeURIComponent(saved.slug)}`} target="_blank" rel="noreferrer" className={`${textLinkClass} mt-3 inline-block text-sm`}>
        Open the customer page<span className="sr-only"> (opens in a new tab)</span>
        <span aria-hidden> ↗</span>
      </a>
    </Card>
  );
}
