import { Prisma } from "../db/generated/client";
import type { DbClient } from "../db/prisma-client.server";
import type { BusinessScope } from "../tenancy/memberships.server";

export interface ArticleMatch {
  id: string;
  title: string;
  body: string;
  /** ts_rank_cd normalised to 0–1 (rank / (rank + 1)): how well the article covers the question. */
  relevance: number;
  /** The article's paragraphs that match the question best (at most two, in the article's order). */
  excerpt: string;
}

/**
 * The business's knowledge articles that match a question, best first. The question's words are
 * OR-ed (a customer's sentence rarely has every word in one article) and ranked by cover density,
 * title words weighing more than body words. No index: a business has tens to hundreds of
 * articles, and the businessId index bounds the scan (decision 008).
 */
export async function searchKnowledge(db: DbClient, scope: BusinessScope, question: string, limit = 3): Promise<ArticleMatch[]> {
  const document = Prisma.sql`setweight(to_tsvector('english', a.title), 'A') || setweight(to_tsvector('english', a.body), 'D')`;
  return db.$queryRaw<ArticleMatch[]>`
    WITH q AS (
      SELECT nullif(replace(plainto_tsquery('english', ${question})::text, ' & ', ' | '), '')::tsquery AS query
    ), ranked AS (
      SELECT a.id, a.title, a.body, ts_rank_cd(${document}, q.query, 32)::float8 AS relevance, q.query
      FROM "KnowledgeArticle" a, q
      WHERE a."businessId" = ${scope.businessId}::uuid AND ${document} @@ q.query
      ORDER BY relevance DESC, a.title
      LIMIT ${limit}
    )
    SELECT r.id, r.title, r.body, r.relevance,
      (SELECT string_agg(best.paragraph, E'\n\n' ORDER BY best.position)
         FROM (SELECT p.paragraph, p.position
                 FROM regexp_split_to_table(r.body, E'\\n\\s*\\n') WITH ORDINALITY AS p(paragraph, position)
                ORDER BY ts_rank_cd(to_tsvector('english', p.paragraph), r.query, 32) DESC, p.position
                LIMIT 2) best) AS excerpt
    FROM ranked r
    ORDER BY r.relevance DESC, r.title`;
}
