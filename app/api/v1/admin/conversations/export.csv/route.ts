import { withStaffBusiness } from "@/lib/auth/staff-route.server";
import { conversationExportFilter, filterInput } from "@/lib/contract/conversations";
import { EXPORT_ROLES, startConversationExport } from "@/lib/conversations/conversation-export.server";
import { parseInput } from "@/lib/errors/parse-input";
import { attachment } from "@/lib/http/attachment";

export const dynamic = "force-dynamic";

/** The filtered conversations as CSV (OWNER/ADMIN), one row each, streamed; audit-logged with the filters and the row count. */
export const GET = withStaffBusiness(
  async ({ req, db, scope, userId }) => {
    const filter = parseInput(conversationExportFilter, filterInput(req.nextUrl.searchParams));
    const exported = await startConversationExport(db, { ...scope, userId }, filter);
    return new Response(exported.body, { headers: { ...attachment(exported.filename, "text/csv; charset=utf-8"), "x-row-count": String(exported.rowCount) } });
  },
  { roles: EXPORT_ROLES },
);
