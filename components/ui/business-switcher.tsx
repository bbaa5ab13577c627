import { selectClass } from "./select";

interface Props {
  businesses: { id: string; name: string }[];
  value: string | null;
  onChange: (businessId: string) => void;
  /** The label "Business" is always the accessible name; shown only where the context needs it. */
  showLabel?: boolean;
}

/** Picks the business a page works on (the dashboard's company_change, the workspace's workspace.open). */
export function BusinessSwitcher({ businesses, value, onChange, showLabel = true }: Props) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className={showLabel ? "text-slate-700" : "sr-only"}>Business</span>
      <select value={value ?? ""} onChange={(event) => onChange(event.target.value)} disabled={businesses.length < 2} className={selectClass}>
        {businesses.map((business) => (
          <option key={business.id} value={business.id}>
            {business.name}
          </option>
        ))}
      </select>
    </label>
  );
}
