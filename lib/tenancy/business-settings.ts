/**
 * Readers of `Business.settings` (a JSON object; absent keys mean the defaults). Universal.
 * Writes go through updateBusinessSettings (business-settings.server.ts).
 */

/** The assistant takes the first turn of every chat unless the business turned it off. */
export function assistantEnabled(settings: unknown): boolean {
  return (settings as { assistantEnabled?: unknown } | null)?.assistantEnabled !== false;
}

/** Made by the demo seed: the UI labels it "Demo data". */
export function isDemoBusiness(settings: unknown): boolean {
  return (settings as { demo?: unknown } | null)?.demo === true;
}
