import { SignOutButton } from "@/components/auth/sign-out-button";
import { StaffNav, type StaffPage } from "@/components/ui/staff-nav";

/** What an agent sees on an owners-and-admins page of their business. */
export function SettingsDenied({ title, businessName, current, what }: { title: string; businessName: string; current: StaffPage; what: string }) {
  return (
    <main className="mx-auto flex max-w-2xl flex-col gap-4 px-4 py-10">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="text-slate-700">
        Only owners and admins of {businessName} can change {what}. Ask one of them to make a change.
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <StaffNav current={current} />
        <SignOutButton />
      </div>
    </main>
  );
}
