import Link from "next/link";

const linkClass = "rounded text-sm font-medium text-brand-700 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40";

const STAFF_PAGES = [
  { href: "/dashboard", label: "Dashboard" },
  { href: "/agent", label: "Agent workspace" },
  { href: "/knowledge", label: "Knowledge base" },
] as const;

/** Links between the staff pages, in every staff page's header (the current one left out). */
export function StaffNav({ current }: { current: (typeof STAFF_PAGES)[number]["href"] }) {
  return (
    <nav aria-label="Staff pages" className="flex items-center gap-3">
      {STAFF_PAGES.filter((page) => page.href !== current).map((page) => (
        <Link key={page.href} href={page.href} className={linkClass}>
          {page.label}
        </Link>
      ))}
    </nav>
  );
}
