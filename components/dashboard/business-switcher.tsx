import type { CompanySummary } from "@/lib/realtime/events";

/** Picks the business the dashboard shows (dashboard.company_change). */
export function BusinessSwitcher({ companies, value, onChange }: { companies: CompanySummary[]; value: string | null; onChange: (id: string) => void }) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-slate-700">Business</span>
      <select
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value)}
        disabled={companies.length < 2}
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm disabled:opacity-100"
      >
        {companies.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
}
