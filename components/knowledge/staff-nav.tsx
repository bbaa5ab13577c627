import Link from "next/link";

const linkClass = "rounded text-sm font-medium text-brand-700 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40";

/** Links from the knowledge base to the other staff pages. */
export function StaffNav() {
  return (
    <nav aria-label="Staff pages" className="flex items-center gap-3">
      <Link href="/dashboard" className={linkClass}>
        Dashboard
      </Link>
      <Link href="/agent" className={linkClass}>
        Agent workspace
      </Link>
    </nav>
  );
}
