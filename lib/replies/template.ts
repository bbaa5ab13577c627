/**
 * The variables of saved replies: `{{customer.name}}` and friends, filled in from the open
 * conversation before anything is sent. A variable that is unknown, or has no value for this
 * conversation, is never replaced by a blank: it stays in the text as written and is reported, so
 * the agent sees it and writes something in its place. Universal and pure (unit-tested).
 */

export const TEMPLATE_VARIABLES = [
  { name: "customer.name", description: "the customer's name, as they gave it" },
  { name: "customer.email", description: "the customer's email, when they gave one" },
  { name: "agent.name", description: "the name of the agent sending the reply" },
  { name: "business.name", description: "your business's name" },
] as const;

export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number]["name"];

/** What the variables are filled from; null (or blank) is "no value here". */
export interface TemplateContext {
  customer: { name: string | null; email: string | null };
  agent: { name: string | null };
  business: { name: string | null };
}

/** `{{ name }}`: any text without braces between double braces, spaces inside tolerated. */
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

export interface Placeholder {
  /** As written, e.g. `{{ Customer.Email }}`. */
  text: string;
  /** Trimmed and lowercase, e.g. `customer.email`. */
  name: string;
  /** Where `text` starts. */
  index: number;
}

export function placeholdersIn(text: string): Placeholder[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => ({ text: match[0], name: match[1].trim().toLowerCase(), index: match.index }));
}

const isVariable = (name: string): name is TemplateVariable => TEMPLATE_VARIABLES.some((variable) => variable.name === name);

function valueOf(name: TemplateVariable, context: TemplateContext): string | null {
  const value = { "customer.name": context.customer.name, "customer.email": context.customer.email, "agent.name": context.agent.name, "business.name": context.business.name }[name];
  return value?.trim() || null;
}

/** Placeholders in `template` that are not known variables, each name once, in order. */
export const unknownVariables = (template: string): string[] => [...new Set(placeholdersIn(template).map((p) => p.name))].filter((name) => !isVariable(name));

export interface FilledTemplate {
  /** The template with every variable that has a value filled in; the others left as written. */
  text: string;
  /** Names that are not variables (a typo, or one Switchboard does not have). */
  unknown: string[];
  /** Variables with no value in this conversation (the customer gave no email, say). */
  empty: TemplateVariable[];
}

export function fillTemplate(template: string, context: TemplateContext): FilledTemplate {
  const unknown = new Set<string>();
  const empty = new Set<TemplateVariable>();
  const text = template.replace(PLACEHOLDER, (written, inner: string) => {
    const name = inner.trim().toLowerCase();
    if (!isVariable(name)) {
      unknown.add(name);
      return written;
    }
    const value = valueOf(name, context);
    if (value === null) empty.add(name);
    return value ?? written;
  });
  return { text, unknown: [...unknown], empty: [...empty] };
}

export type UnfilledReason = "unknown" | "empty" | "typed";

export interface UnfilledPlaceholder extends Placeholder {
  /** unknown: not a variable; empty: a variable without a value here; typed: a variable that has one, typed by hand rather than filled in. */
  reason: UnfilledReason;
}

/**
 * Every placeholder still in a draft, and why it was not filled. A draft with any of them must not
 * be sent: the customer would get the braces, or a blank where a value should be.
 */
export function unfilledPlaceholders(draft: string, context: TemplateContext): UnfilledPlaceholder[] {
  return placeholdersIn(draft).map((placeholder) => ({
    ...placeholder,
    reason: !isVariable(placeholder.name) ? "unknown" : valueOf(placeholder.name, context) === null ? "empty" : "typed",
  }));
}
