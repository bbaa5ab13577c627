"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { AssistantSwitch } from "@/components/knowledge/assistant-switch";
import { Card } from "@/components/ui/card";
import { StaffHeader } from "@/components/ui/staff-header";
import { textLinkClass } from "@/components/ui/text-link";
import { settingsApi } from "@/lib/team/settings-api.client";
import type { BusinessSettingsPatch, BusinessSettingsWire, BusinessSummaryWire } from "@/lib/contract/businesses";
import { AllowedOriginsCard } from "./allowed-origins-card";
import { CustomerPagePreview } from "./customer-page-preview";
import { ProfileCard, profileDraftOf } from "./profile-card";
import { RoutingCard } from "./routing-card";

interface Props {
  /** The businesses the user manages (the header's switcher). */
  businesses: BusinessSummaryWire[];
  business: BusinessSettingsWire;
}

/** The /settings page of one business: profile (with a live preview of the customer page), routing, assistant, allowed origins. */
export function BusinessSettings({ businesses, business: initial }: Props) {
  const router = useRouter();
  const api = useMemo(() => settingsApi(initial.id), [initial.id]);
  const [saved, setSaved] = useState(initial);
  const [draft, setDraft] = useState(() => profileDraftOf(initial));
  const query = `?company_id=${encodeURIComponent(saved.id)}`;

  // Each card PATCHes only its own fields; the answer is the whole business as saved.
  async function saveBusiness(patch: BusinessSettingsPatch) {
    const answer = await api.updateBusiness(patch);
    setSaved(answer);
    // Re-render the server paint too (the header's name, coming back with browser Back).
    router.refresh();
    return answer;
  }

  async function saveProfile(patch: BusinessSettingsPatch) {
    const answer = await saveBusiness(patch);
    setDraft(profileDraftOf(answer));
    return answer;
  }

  async function saveOrigins(origins: string[]) {
    const answer = await api.setAllowedOrigins(origins);
    setSaved((current) => ({ ...current, allowed_origins: answer.allowed_origins }));
    router.refresh();
    return answer.allowed_origins;
  }

  return (
    <div className="min-h-screen">
      <StaffHeader current="/settings" business={saved} businesses={businesses} isDemo={saved.is_demo} />
      <main className="mx-auto flex max-w-4xl flex-col gap-6 px-4 py-6">
        <div className="flex flex-wrap items-end justify-between gap-2">
          <div>
            <h1 className="text-2xl font-semibold">Settings</h1>
            <p className="mt-1 text-sm text-slate-600">How {saved.name} looks to customers and how its chats are handled.</p>
          </div>
          <Link href="/settings/businesses" className={`${textLinkClass} text-sm`}>
            All your businesses
          </Link>
        </div>
        <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
          <ProfileCard saved={saved} draft={draft} onDraftChange={setDraft} onSave={saveProfile} />
          <div className="lg:sticky lg:top-4">
            <CustomerPagePreview draft={draft} saved={saved} />
          </div>
        </div>
        <RoutingCard saved={saved} teamHref={`/settings/team${query}`} onSave={saveBusiness} />
        <Card headingId="assistant-heading" title="Assistant">
          <AssistantSwitch setEnabled={api.setAssistantEnabled} initialEnabled={saved.assistant_enabled} />
          <Link href={`/knowledge${query}`} className={`${textLinkClass} mt-1 inline-block text-sm`}>
            Manage the knowledge base
          </Link>
        </Card>
        <AllowedOriginsCard initialOrigins={saved.allowed_origins} onSave={saveOrigins} />
      </main>
    </div>
  );
}
