/**
 * Text on a business's brand colour (the customer chat header): white or near-black, whichever
 * contrasts more. Universal, so the chat page and the settings preview agree.
 */

/** Near-black text (Tailwind slate-900), for light brand colours. */
export const DARK_TEXT = "#0f172a";
export const LIGHT_TEXT = "#ffffff";

const channel = (value: number) => {
  const srgb = value / 255;
  return srgb <= 0.03928 ? srgb / 12.92 : ((srgb + 0.055) / 1.055) ** 2.4;
};

/** WCAG relative luminance of `#rrggbb` (0 black … 1 white); null when it is not such a colour. */
export function relativeLuminance(hex: string): number | null {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) return null;
  const [r, g, b] = match.slice(1).map((part) => channel(parseInt(part, 16)));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two luminances (1 … 21). */
const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

/** The text colour that reads better on `background` (`#rrggbb`); white for anything unparsable. */
export function readableTextOn(background: string): typeof DARK_TEXT | typeof LIGHT_TEXT {
  const luminance = relativeLuminance(background);
  if (luminance === null) return LIGHT_TEXT;
  return contrast(luminance, 1) >= contrast(luminance, relativeLuminance(DARK_TEXT)!) ? LIGHT_TEXT : DARK_TEXT;
}
