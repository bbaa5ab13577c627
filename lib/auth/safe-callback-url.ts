/** Only same-site paths: an attacker-supplied callbackUrl must not redirect off-site after login. */
export function safeCallbackUrl(value: string | undefined, fallback = "/dashboard"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
