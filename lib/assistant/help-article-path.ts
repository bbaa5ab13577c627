/** Where a knowledge article is public: the assistant links it in its answers. */
export const helpArticlePath = (businessSlug: string, articleId: string) => `/help/${businessSlug}/${articleId}`;
