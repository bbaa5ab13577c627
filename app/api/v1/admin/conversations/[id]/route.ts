import { withStaffBusiness } from "@/lib/auth/staff-route.server";
import { loadConversation } from "@/lib/conversations/conversation-detail.server";

export const dynamic = "force-dynamic";

/** One conversation (any member): messages, the team's private notes and the timeline. */
export const GET = withStaffBusiness<{ id: string }>(async ({ db, scope, params }) => loadConversation(db, scope, params.id));
