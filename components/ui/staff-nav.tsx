import Link from "next/link";

const linkClass = "rounded text-sm font-medium text-brand-700 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40";

const STAFF_PAGES = [
  { href: "/dashboard", label: "Dashboard", perBusiness: false },
  { href: "/agent", label: "Agent workspace", perBusiness: false },
  { href: "/conversations", label: "Conversations", perBusiness: true },
  { href: "/knowledge", label: "Knowledge base", perBusiness: true },
  { href: "/settings", label: "Settings", perBusiness: true },
  { href: "/settings/team", label: "Team", perBusiness: true },
  { href: "/settings/tags", label: "Tags", perBusiness: true },
  { href: "/settings/saved-replies", label: "Saved replies", perBusiness: true },
  { href: "/settings/hours", label: "Business hours", perBusiness: true },
  { href: "/settings/widget", label: "Widget", perBusiness: true },
  { href: "/settings/webhooks", label: "Webhooks", perBusiness: true },
  { href: "/account", label: "Account", perBusiness: false },
] as const;

export type StaffPage = (typeof STAFF_PAGES)[number]["href"];

interface Props {
  current?: StaffPage;
  /** The business the page shows: the pages of one business (`?company_id=`) open on it too. */
  companyId?: string;
}

/** Links between the staff pages, in every staff page's header (the current one left out); wraps on phones. */
export function StaffNav({ current, companyId }: Props) {
  return (
    <nav aria-label="Staff pages" className="flex flex-wrap items-center gap-x-3 gap-y-1">
      {STAFF_PAGES.filter((page) => page.href !== current).map((page) => (
        <Link key={page.href} href={page.perBusiness && companyId ? `${page.href}?company_id=${encodeURIComponent(companyId)}` : page.href} className={linkClass}>
          {page.label}
        </Link>
      ))}
    </nav>
  );
}
