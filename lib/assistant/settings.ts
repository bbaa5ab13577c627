/**
 * Per-business assistant switch, kept in `Business.settings.assistantEnabled`. On unless a
 * business turned it off: the assistant takes the first turn of every chat by default.
 */
export function assistantEnabled(settings: unknown): boolean {
  return (settings as { assistantEnabled?: unknown } | null)?.assistantEnabled !== false;
}
