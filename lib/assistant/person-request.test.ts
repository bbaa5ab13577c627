import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { asksForPerson } from "./person-request";

describe("asksForPerson", () => {
  it("recognises requests for a person in several phrasings", () => {
    for (const text of [
      "I want to talk to a human",
      "HUMAN please",
      "Can I speak with an agent?",
      "get me a representative",
      "Is there a real person I can chat with?",
      "I'd like to talk to someone",
      "let me speak to a manager",
      "Please connect me with support",
      "transfer me to your team",
      "I don't want a bot",
    ]) {
      assert.equal(asksForPerson(text), true, text);
    }
  });

  it("leaves ordinary questions to the assistant", () => {
    for (const text of [
      "How long does shipping take?",
      "When will I get my refund?",
      "Where is my order 1234?",
      "Can I change my delivery address?",
      "Someone else paid for this order, can I still return it?",
    ]) {
      assert.equal(asksForPerson(text), false, text);
    }
  });
});
