import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { filterSummary } from "./filter-summary";

describe("filterSummary", () => {
  it("counts the matches among the loaded chats", () => {
    assert.equal(filterSummary(2, 7, "vip", 0), "2 of 7 chats tagged “vip”.");
    assert.equal(filterSummary(0, 1, "vip", 0), "0 of 1 chat tagged “vip”.");
  });

  it("says when chats beyond the loaded page were not looked at, counted or not", () => {
    assert.equal(filterSummary(3, 100, "billing", 40), "3 of 100 chats tagged “billing”. 40 more chats are not loaded here, so some of them may carry this tag too.");
    assert.equal(filterSummary(3, 100, "billing", "some"), "3 of 100 chats tagged “billing”. More chats are waiting than this list holds, so some of them may carry this tag too.");
  });
});
