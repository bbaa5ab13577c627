"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { AllowedOriginsCard } from "@/components/settings/allowed-origins-card";
import { CopyLink } from "@/components/settings/copy-link";
import { Card } from "@/components/ui/card";
import { StaffHeader } from "@/components/ui/staff-header";
import type { BusinessSettingsWire, BusinessSummaryWire } from "@/lib/contract/businesses";
import type { IdentityStatusWire } from "@/lib/contract/identity";
import { settingsApi } from "@/lib/team/settings-api.client";
import { widgetSnippet } from "@/lib/widget/embed-protocol";
import { IdentitySecretCard } from "./identity-secret-card";

interface Props {
  businesses: BusinessSummaryWire[];
  business: BusinessSettingsWire;
  identity: IdentityStatusWire;
  /** The app's public address of the loader (NEXTAUTH_URL). */
  scriptUrl: string;
}

/** The /settings/widget page of one business: the snippet for its site, the sites allowed to embed it, and the identity secret. */
export function WidgetSettings({ businesses, business, identity, scriptUrl }: Props) {
  const router = useRouter();
  const api = useMemo(() => settingsApi(business.id), [business.id]);
  const [origins, setOrigins] = useState(business.allowed_origins);

  async function saveOrigins(next: string[]) {
    const answer = await api.setAllowedOrigins(next);
    setOrigins(answer.allowed_origins);
    // Re-render the server paint too (coming back with browser Back shows the change).
    router.refresh();
    return answer.allowed_origins;
  }

  return (
    <div className="min-h-screen">
      <StaffHeader current="/settings/widget" business={business} businesses={businesses} isDemo={business.is_demo} />
      <main className="mx-auto flex max-w-4xl flex-col gap-6 px-4 py-6">
        <div>
          <h1 className="text-2xl font-semibold">Widget</h1>
          <p className="mt-1 text-sm text-slate-600">
            Put {business.name}&apos;s chat on your own site: a chat button in the corner of every page, and the conversation kept as visitors move between pages.
          </p>
        </div>
        <Card headingId="snippet-heading" title="Embed snippet" description="Paste this tag into every page of your site, before </body>.">
          <CopyLink label="Snippet" url={widgetSnippet(scriptUrl, business.slug)} />
          <p className="text-sm text-slate-600">
            {origins.length === 0
              ? "No site is allowed yet: add your site's origin below, or the chat will refuse to open there."
              : `Allowed on ${origins.length === 1 ? "1 site" : `${origins.length} sites`}: ${origins.join(", ")}.`}
          </p>
        </Card>
        <AllowedOriginsCard initialOrigins={business.allowed_origins} onSave={saveOrigins} />
        <IdentitySecretCard companyId={business.id} initial={identity} />
      </main>
    </div>
  );
}
