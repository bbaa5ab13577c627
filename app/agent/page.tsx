import type { Metadata } from "next";
import { AgentWorkspace } from "@/components/agent/agent-workspace";
import { requireUser } from "@/lib/auth/current-user.server";
import { getPrisma } from "@/lib/db/prisma-client.server";
import { listMemberships } from "@/lib/tenancy/memberships.server";

export const metadata: Metadata = { title: "Agent workspace" };
export const dynamic = "force-dynamic";

export default async function AgentPage() {
  const user = await requireUser("/agent");
  // From the database, not the JWT, so a revoked membership disappears at once.
  const memberships = await listMemberships(getPrisma(), user.id);
  return <AgentWorkspace businesses={memberships.map((membership) => ({ id: membership.businessId, name: membership.name }))} />;
}
