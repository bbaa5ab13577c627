"use client";

import { SignOutButton } from "@/components/auth/sign-out-button";
import { ConnectionStatus } from "@/components/dashboard/connection-status";
import { useDashboardSocket } from "@/lib/realtime/use-dashboard-socket.client";

interface Props {
  user: { name: string; email: string };
  memberships: { businessId: string; slug: string; name: string; role: string }[];
}

export function DashboardClient({ user, memberships }: Props) {
  const { state, error } = useDashboardSocket();
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3">
          <span className="text-lg font-semibold">Switchboard</span>
          <div className="flex items-center gap-3">
            <ConnectionStatus state={state} detail={state === "offline" ? error : null} />
            <span className="hidden text-sm text-slate-600 sm:inline">{user.email}</span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-8">
        <h1 className="text-2xl font-semibold">Welcome, {user.name}</h1>
        <section aria-labelledby="businesses-heading" className="mt-6">
          <h2 id="businesses-heading" className="text-lg font-medium">
            Your businesses
          </h2>
          <ul className="mt-3 grid gap-3 sm:grid-cols-2">
            {memberships.map((m) => (
              <li key={m.businessId} className="rounded-lg border border-slate-200 bg-white p-4">
                <p className="font-medium">{m.name}</p>
                <p className="text-sm text-slate-600">
                  {m.slug} · {m.role.toLowerCase()}
                </p>
              </li>
            ))}
          </ul>
        </section>
      </main>
    </div>
  );
}
