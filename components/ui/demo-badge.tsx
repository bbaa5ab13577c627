const EXPLANATION = "This business was created by the demo seed. To start clean, see README: Starting without demo data";

/** "Demo data", next to the name of a business the demo seed made (isDemoBusiness), with why and what to do about it. */
export function DemoBadge() {
  return (
    <span title={EXPLANATION} className="inline-flex shrink-0 items-center rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-amber-300 ring-inset">
      Demo data<span className="sr-only">: {EXPLANATION}.</span>
    </span>
  );
}
