import { withStaffBusiness } from "@/lib/auth/staff-route.server";
import { requireLiveChat } from "@/lib/chat/live-chat-registry.server";
import type { SessionTagAction } from "@/lib/contract/tags";
import { tagSession } from "@/lib/tags/tags-live.server";

export const dynamic = "force-dynamic";

type Params = { id: string; tagId: string };

/** PUT puts the tag on the chat, DELETE takes it off (any member); both idempotent: `changed` says whether this call did it. */
const tagging = (action: SessionTagAction) =>
  withStaffBusiness<Params>(async ({ db, scope, userId, params }) => {
    const { change, session } = await tagSession(db, requireLiveChat(), { ...scope, userId }, params.id, params.tagId, action);
    return { session_id: session.id, tags: session.tags, changed: change !== null };
  });

export const PUT = tagging("add");
export const DELETE = tagging("remove");
