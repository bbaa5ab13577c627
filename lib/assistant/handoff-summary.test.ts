import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { handoffSummary } from "./handoff-summary";

describe("handoffSummary", () => {
  it("tells the agent the question, the opener, the assistant's answers and the closest article", () => {
    const summary = handoffSummary({
      question: "I want to talk to a human",
      history: [
        { author: "CUSTOMER", body: "Where is my parcel?" },
        { author: "ASSISTANT", body: "Tracking can pause for a day or two." },
        { author: "CUSTOMER", body: "I want to talk to a human" },
      ],
      closestArticle: "Tracking your order",
    });
    assert.equal(summary, 'Asks: "I want to talk to a human"\nOpened with: "Where is my parcel?"\nThe assistant answered 1 message before this.\nClosest help article: "Tracking your order".');
  });

  it("shortens long questions and says when nothing matched", () => {
    const long = "word ".repeat(100);
    const summary = handoffSummary({ question: long, history: [{ author: "CUSTOMER", body: long }], closestArticle: null });
    const [asks, answered, article] = summary.split("\n");
    assert.ok(asks.length < 175 && asks.endsWith('…"'), asks);
    assert.equal(answered, "The assistant had not answered yet.");
    assert.equal(article, "No help article matched.");
  });
});
