import { created, withStaffBusiness } from "@/lib/auth/staff-route.server";
import { requireLiveChat } from "@/lib/chat/live-chat-registry.server";
import { TAG_BODY_MAX_BYTES, tagCreateBody } from "@/lib/contract/tags";
import { parseInput } from "@/lib/errors/parse-input";
import { readJsonBody } from "@/lib/http/json-body.server";
import { listTags, TAG_ADMIN_ROLES } from "@/lib/tags/tag-list.server";
import { createTagLive } from "@/lib/tags/tags-live.server";

export const dynamic = "force-dynamic";

/** The business's tags, by name, with how many chats carry each (any member: agents tag and filter with them). */
export const GET = withStaffBusiness(async ({ db, scope }) => ({ tags: await listTags(db, scope) }));

/** A new tag (OWNER/ADMIN): 201; 409 when the business already has one of that name. */
export const POST = withStaffBusiness(
  async ({ req, db, scope, userId }) => {
    const input = parseInput(tagCreateBody, await readJsonBody(req, TAG_BODY_MAX_BYTES));
    return created({ tag: await createTagLive(db, requireLiveChat(), scope, userId, input) });
  },
  { roles: TAG_ADMIN_ROLES },
);
