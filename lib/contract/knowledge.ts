/**
 * The knowledge-base contract: the admin API's bodies and wire shapes, and the public address of
 * an article (the assistant links it in chat). Universal: shared by the server, the page and tests.
 */
import { z } from "zod";

export const ARTICLE_TITLE_MAX_LENGTH = 200;
export const ARTICLE_BODY_MAX_LENGTH = 20_000;
/** Admin API bodies above this are refused with 413 (an article body of 20,000 characters fits, escaped). */
export const KNOWLEDGE_BODY_MAX_BYTES = 64 * 1024;

const title = z.string().trim().min(1, "title must not be empty").max(ARTICLE_TITLE_MAX_LENGTH, `title must be at most ${ARTICLE_TITLE_MAX_LENGTH} characters`);
const body = z.string().trim().min(1, "body must not be empty").max(ARTICLE_BODY_MAX_LENGTH, `body must be at most ${ARTICLE_BODY_MAX_LENGTH} characters`);

export const articleBody = z.object({ title, body }).strict();
export type ArticleInput = z.infer<typeof articleBody>;

export const articleUpdateBody = z
  .object({ title: title.optional(), body: body.optional() })
  .strict()
  .refine((input) => input.title !== undefined || input.body !== undefined, { message: "send title, body or both" });
export type ArticleUpdate = z.infer<typeof articleUpdateBody>;

export const assistantSettingsBody = z.object({ enabled: z.boolean({ message: "enabled must be true or false" }) }).strict();

export interface KnowledgeArticleWire {
  id: string;
  title: string;
  body: string;
  created_at: string;
  updated_at: string;
}

export interface AssistantSettingsWire {
  enabled: boolean;
}

/** The public page of an article: what the assistant links in its chat answers. */
export const helpArticlePath = (slug: string, articleId: string) => `/help/${slug}/${articleId}`;

/** An article body as paragraphs: blank lines separate them. */
export function articleParagraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
}
