import { withStaffBusiness } from "@/lib/auth/staff-route.server";
import { conversationFilter, filterInput } from "@/lib/contract/conversations";
import { listConversations } from "@/lib/conversations/conversation-list.server";
import { parseInput } from "@/lib/errors/parse-input";

export const dynamic = "force-dynamic";

/** The business's conversations matching the filters (any member), newest first, a page at a time. */
export const GET = withStaffBusiness(async ({ req, db, scope }) => listConversations(db, scope, parseInput(conversationFilter, filterInput(req.nextUrl.searchParams))));
