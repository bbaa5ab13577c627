/** What the session lists (active sessions, waiting queue) can be narrowed to: chats carrying one tag of the business. */
export interface SessionListFilter {
  tagId?: string;
}
