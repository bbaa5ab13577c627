const PROBE_ORIGIN = "http://switchboard.invalid";

/**
 * Only same-site paths: an attacker-supplied callbackUrl must not redirect off-site after login.
 * Browsers drop tabs and newlines from URLs and read `\` as `/`, so `/\t/evil.example` would
 * become `//evil.example`: any control character, whitespace or backslash is refused outright,
 * and what is left must resolve to this origin. The result is the normalised path.
 */
export function safeCallbackUrl(value: string | undefined, fallback = "/dashboard"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || /[\u0000-\u0020\u007f-\u009f\\]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PROBE_ORIGIN) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
