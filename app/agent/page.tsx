import type { Metadata } from "next";
import { AgentWorkspace } from "@/components/agent/agent-workspace";
import { requireUser } from "@/lib/auth/current-user.server";
import { getPrisma } from "@/lib/db/prisma-client.server";
import { loadBusinessList } from "@/lib/team/settings-pages.server";

export const metadata: Metadata = { title: "Agent workspace" };
export const dynamic = "force-dynamic";

export default async function AgentPage() {
  const user = await requireUser("/agent");
  // From the database, not the JWT, so a revoked membership disappears at once.
  const businesses = await loadBusinessList(getPrisma(), user.id);
  return <AgentWorkspace userId={user.id} businesses={businesses.map((business) => ({ id: business.id, name: business.name, isDemo: business.is_demo }))} />;
}
