import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/current-user.server";
import { loadDashboardSnapshot } from "@/lib/dashboard/dashboard-snapshot.server";
import { getPrisma } from "@/lib/db/prisma-client.server";
import { DashboardClient } from "./dashboard-client";

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

export default async function DashboardPage() {
  const user = await requireUser("/dashboard");
  // First paint from the database (memberships too, not the JWT); the socket's orchestration takes over.
  const snapshot = await loadDashboardSnapshot(getPrisma(), user.id);
  return <DashboardClient user={{ name: user.name, email: user.email }} snapshot={snapshot} />;
}
