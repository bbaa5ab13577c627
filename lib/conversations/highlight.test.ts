import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MATCH_START, MATCH_STOP, splitHighlight } from "./highlight";

const marked = (text: string) => text.replaceAll("[", MATCH_START).replaceAll("]", MATCH_STOP);

describe("search snippets as parts", () => {
  it("splits ts_headline's output into text and matches", () => {
    assert.deepEqual(splitHighlight(marked("where is my [parcel] #[4521] now")), [
      { text: "where is my ", match: false },
      { text: "parcel", match: true },
      { text: " #", match: false },
      { text: "4521", match: true },
      { text: " now", match: false },
    ]);
  });

  it("keeps markup as text: a message's HTML is never a part's markup", () => {
    assert.deepEqual(splitHighlight(marked("<img src=x onerror=alert(1)> [refund]")), [
      { text: "<img src=x onerror=alert(1)> ", match: false },
      { text: "refund", match: true },
    ]);
  });

  it("merges adjacent parts of one kind and drops stray or empty markers", () => {
    assert.deepEqual(splitHighlight(marked("[a][b] c]] d[")), [
      { text: "ab", match: true },
      { text: " c d", match: false },
    ]);
    assert.deepEqual(splitHighlight(""), []);
    assert.deepEqual(splitHighlight(marked("[]")), []);
  });

  it("keeps characters outside the BMP whole", () => {
    assert.deepEqual(splitHighlight(marked("😀 [ok]")), [
      { text: "😀 ", match: false },
      { text: "ok", match: true },
    ]);
  });
});
