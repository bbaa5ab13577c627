/**
 * Origins (scheme://host[:port]) that may act with a staff cookie or embed the customer chat.
 * Pure and universal; the per-business lists live in `Business.settings.allowedOrigins`.
 */

/** The canonical origin of `value`, or null when it is not exactly an http(s) origin (no path, query, credentials). */
export function normalizeOrigin(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.username || url.password || url.search || url.hash || (url.pathname !== "/" && url.pathname !== "")) return null;
  return url.origin;
}

/** `ALLOWED_ORIGINS`-style lists: comma or whitespace separated; invalid entries are reported, not dropped silently. */
export function parseOriginList(value: string | undefined): { origins: string[]; invalid: string[] } {
  const origins: string[] = [];
  const invalid: string[] = [];
  for (const entry of (value ?? "").split(/[\s,]+/).filter(Boolean)) {
    const origin = normalizeOrigin(entry);
    if (origin) origins.push(origin);
    else invalid.push(entry);
  }
  return { origins: [...new Set(origins)], invalid };
}

/** A business's own sites (the embedded widget and customer API may be used from them). */
export function businessAllowedOrigins(settings: unknown): string[] {
  const list = (settings as { allowedOrigins?: unknown } | null)?.allowedOrigins;
  if (!Array.isArray(list)) return [];
  return list.filter((entry): entry is string => typeof entry === "string" && normalizeOrigin(entry) === entry);
}

/**
 * Whether a request with this `Origin` header comes from an allowed page. Same-origin means the
 * Origin names the very host the request was sent to (`Host`), whatever the configured URL says.
 */
export function originAllowed(origin: string, options: { host?: string; allowed: readonly string[] }): boolean {
  const normalized = normalizeOrigin(origin);
  if (!normalized) return false;
  if (options.host && new URL(normalized).host === options.host.toLowerCase()) return true;
  return options.allowed.includes(normalized);
}
