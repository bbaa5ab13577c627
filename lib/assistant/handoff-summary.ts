import type { MessageAuthorName } from "../contract/customer-chat";

const QUOTE_LENGTH = 160;

const quote = (text: string) => {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return `"${oneLine.length > QUOTE_LENGTH ? `${oneLine.slice(0, QUOTE_LENGTH - 1)}…` : oneLine}"`;
};

/**
 * The few lines an agent reads first when a chat arrives from the assistant: what the customer
 * asks now, what they opened with, how far the assistant got and which help article came closest.
 * Universal and pure.
 */
export function handoffSummary(input: { question: string; history: { author: MessageAuthorName; body: string }[]; closestArticle: string | null }): string {
  const customerMessages = input.history.filter((m) => m.author === "CUSTOMER");
  const answers = input.history.filter((m) => m.author === "ASSISTANT").length;
  const lines = [`Asks: ${quote(input.question)}`];
  const opener = customerMessages[0]?.body;
  if (opener && opener.trim() !== input.question.trim()) lines.push(`Opened with: ${quote(opener)}`);
  lines.push(answers ? `The assistant answered ${answers} message${answers === 1 ? "" : "s"} before this.` : "The assistant had not answered yet.");
  lines.push(input.closestArticle ? `Closest help article: "${input.closestArticle}".` : "No help article matched.");
  return lines.join("\n");
}
