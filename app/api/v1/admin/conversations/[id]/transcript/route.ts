import { withStaffBusiness } from "@/lib/auth/staff-route.server";
import { filterInput, transcriptQuery } from "@/lib/contract/conversations";
import { EXPORT_ROLES } from "@/lib/conversations/conversation-export.server";
import { downloadTranscript } from "@/lib/conversations/transcript.server";
import { parseInput } from "@/lib/errors/parse-input";
import { attachment } from "@/lib/http/attachment";

export const dynamic = "force-dynamic";

/** A conversation's transcript as a download (OWNER/ADMIN, audit-logged): `format=txt|json`, `audience=customer|staff`. */
export const GET = withStaffBusiness<{ id: string }>(
  async ({ req, db, scope, userId, params }) => {
    const query = parseInput(transcriptQuery, filterInput(req.nextUrl.searchParams));
    const file = await downloadTranscript(db, { ...scope, userId }, params.id, query);
    return new Response(file.body, { headers: attachment(file.filename, file.contentType) });
  },
  { roles: EXPORT_ROLES },
);
