import { Prisma } from "../../db/generated/client";

/**
 * SQL pieces for the session lists (active sessions, waiting queue): a session's tags as JSON, and
 * the optional "carries this tag" filter of the HTTP fallback's `?tag=`.
 */

/** The tags of the session whose id is `sessionId` (a column expression), as `[{ tag: { id, name, color } }]`. */
export const sessionTagsJson = (sessionId: Prisma.Sql) => Prisma.sql`
  coalesce((SELECT json_agg(json_build_object('tag', json_build_object('id', g.id, 'name', g.name, 'color', g.color)))
            FROM "SessionTag" st JOIN "Tag" g ON g.id = st."tagId" WHERE st."sessionId" = ${sessionId}), '[]'::json)`;

/** `AND` the session carries the tag; nothing without one. The tag is already known to be the business's. */
export const carriesTag = (sessionId: Prisma.Sql, tagId: string | undefined) =>
  tagId === undefined ? Prisma.empty : Prisma.sql`AND EXISTS (SELECT 1 FROM "SessionTag" ft WHERE ft."sessionId" = ${sessionId} AND ft."tagId" = ${tagId}::uuid)`;
