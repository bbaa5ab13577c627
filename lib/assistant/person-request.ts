/**
 * Does the customer ask to talk to a person? The assistant hands off at once when they do, in
 * whatever words: "human", "agent", "talk to someone", "a real person", "connect me with support"…
 * Universal and pure (unit-tested), used by every provider before it answers.
 */
const PERSON_REQUESTS: readonly RegExp[] = [
  /\bhumans?\b/,
  /\b(agent|representative|operator|rep)s?\b/,
  /\b(real|live|actual)\s+(person|people|human|someone|somebody)\b/,
  /\b(talk|speak|chat)\s+(to|with)\s+(someone|somebody|anyone|anybody|a\s+(person|man|woman|manager|supervisor)|people|staff|support|your\s+(team|staff|support))\b/,
  /\b(connect|transfer|put)\s+me\s+(to|with|through)\b/,
  /\b(not|no|don't want|stop)\s+(a\s+|the\s+|this\s+)?(bot|robot|machine)\b/,
];

export function asksForPerson(text: string): boolean {
  const normalized = text.toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, " ");
  return PERSON_REQUESTS.some((pattern) => pattern.test(normalized));
}
