import Link from "next/link";
import { DemoBadge } from "@/components/ui/demo-badge";
import { StaffHeader } from "@/components/ui/staff-header";
import { textLinkClass } from "@/components/ui/text-link";
import type { BusinessSummaryWire } from "@/lib/contract/businesses";
import { NewBusinessForm } from "./new-business-form";
import { ROLE_LABELS } from "./roles";

/** /settings/businesses: every business of the user with their role, and (for owners) a form for another one. */
export function BusinessDirectory({ businesses, canCreate }: { businesses: BusinessSummaryWire[]; canCreate: boolean }) {
  return (
    <div className="min-h-screen">
      <StaffHeader />
      <main className="mx-auto flex max-w-4xl flex-col gap-6 px-4 py-6">
        <div>
          <h1 className="text-2xl font-semibold">Your businesses</h1>
          <p className="mt-1 text-sm text-slate-600">{canCreate ? "Open one to change its settings, or add another." : "Open one to see its settings. Only owners can add businesses."}</p>
        </div>
        <section aria-labelledby="businesses-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id="businesses-heading" className="mb-3 text-lg font-semibold">
            Businesses ({businesses.length})
          </h2>
          {businesses.length === 0 ? (
            <p className="text-sm text-slate-600">You are not a member of any business yet.</p>
          ) : (
            <ul aria-labelledby="businesses-heading" className="divide-y divide-slate-200">
              {businesses.map((business) => (
                <li key={business.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                  <div className="flex min-w-0 flex-wrap items-center gap-2">
                    <Link href={`/settings?company_id=${encodeURIComponent(business.id)}`} className={textLinkClass}>
                      {business.name}
                    </Link>
                    {business.is_demo ? <DemoBadge /> : null}
                  </div>
                  <div className="flex items-center gap-3 text-sm text-slate-600">
                    <span className="font-mono text-xs">/chat/{business.slug}</span>
                    <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">{ROLE_LABELS[business.role]}</span>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
        {canCreate ? <NewBusinessForm /> : null}
      </main>
    </div>
  );
}
