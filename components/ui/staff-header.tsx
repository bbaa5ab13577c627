"use client";

import { useRouter } from "next/navigation";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { BusinessSwitcher } from "./business-switcher";
import { DemoBadge } from "./demo-badge";
import { StaffNav, type StaffPage } from "./staff-nav";

interface Business {
  id: string;
  name: string;
}

interface Props {
  /** The page this header sits on: left out of the nav, and where the switcher goes with `?company_id=`. */
  current?: StaffPage;
  /** The business the page is about (none on pages about all of them) and the others it can switch to. */
  business?: Business;
  businesses?: Business[];
  isDemo?: boolean;
}

/** The header of the staff pages that show one business from the server (knowledge, settings, team). */
export function StaffHeader({ current, business, businesses = [], isDemo = false }: Props) {
  const router = useRouter();
  return (
    <header className="border-b border-slate-200 bg-white">
      {/* Two rows: the business and sign-out, then the page links (too many to share one row with them). */}
      <div className="mx-auto flex max-w-4xl flex-col gap-2 px-4 py-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
            <span className="text-lg font-semibold">Switchboard</span>
            {business && current && businesses.length > 1 ? (
              <BusinessSwitcher businesses={businesses} value={business.id} onChange={(id) => router.push(`${current}?company_id=${encodeURIComponent(id)}`)} showLabel={false} />
            ) : business ? (
              <span className="truncate text-sm text-slate-600">{business.name}</span>
            ) : null}
            {business && isDemo ? <DemoBadge /> : null}
          </div>
          <SignOutButton />
        </div>
        <StaffNav current={current} companyId={business?.id} />
      </div>
    </header>
  );
}
