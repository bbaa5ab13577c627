import type { TranscriptQuery } from "../contract/conversations";
import type { PrismaClient } from "../db/prisma-client.server";
import { notFound } from "../errors/app-error";
import type { BusinessScope } from "../tenancy/memberships.server";
import { loadConversation } from "./conversation-detail.server";
import { transcriptJson, transcriptText } from "./transcript";

export interface TranscriptFile {
  filename: string;
  contentType: string;
  body: string;
}

/** A conversation's transcript as a file (OWNER/ADMIN); every download is audit-logged with its format and audience. */
export async function downloadTranscript(db: PrismaClient, actor: BusinessScope & { userId: string }, sessionId: string, query: TranscriptQuery): Promise<TranscriptFile> {
  const business = await db.business.findUnique({ where: { id: actor.businessId }, select: { name: true, timezone: true } });
  if (!business) throw notFound("Business");
  const detail = await loadConversation(db, actor, sessionId);
  await db.auditLog.create({
    data: { businessId: actor.businessId, actorUserId: actor.userId, action: "conversations.transcript_downloaded", target: sessionId, meta: { format: query.format, audience: query.audience } },
  });
  const source = { business: { name: business.name, time_zone: business.timezone }, detail };
  const suffix = query.audience === "staff" ? "-staff" : "";
  return query.format === "json"
    ? { filename: `conversation-${sessionId}${suffix}.json`, contentType: "application/json; charset=utf-8", body: transcriptJson(source, query.audience) }
    : { filename: `conversation-${sessionId}${suffix}.txt`, contentType: "text/plain; charset=utf-8", body: transcriptText(source, query.audience) };
}
