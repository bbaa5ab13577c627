/**
 * What a list filtered by tag says about itself: how many of its loaded chats match and, when it
 * holds only part of the chats (`unloaded`: how many more there are, or "some" when the count is
 * not known), that those were not looked at. Universal: the workspace queue and the dashboard's
 * session lists say it alike.
 */
export function filterSummary(matching: number, loaded: number, tagName: string, unloaded: number | "some"): string {
  const shown = `${matching} of ${loaded} ${loaded === 1 ? "chat" : "chats"} tagged “${tagName}”.`;
  if (unloaded === 0) return shown;
  const beyond = unloaded === "some" ? "More chats are waiting than this list holds" : `${unloaded} more ${unloaded === 1 ? "chat is" : "chats are"} not loaded here`;
  return `${shown} ${beyond}, so some of them may carry this tag too.`;
}
