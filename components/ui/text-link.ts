/** A link inside text: underlined, so it is told apart by more than its colour. */
export const textLinkClass = "rounded font-medium text-brand-700 underline underline-offset-2 hover:text-brand-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40";
