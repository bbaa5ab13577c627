import type { ROLES } from "@/lib/contract/team";

export type RoleName = (typeof ROLES)[number];

/** How the pages name a role. */
export const ROLE_LABELS: Record<RoleName, string> = { OWNER: "Owner", ADMIN: "Admin", AGENT: "Agent" };
