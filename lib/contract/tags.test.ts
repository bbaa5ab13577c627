import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { relativeLuminance } from "./brand-colors";
import { hasTag, normalizeTagName, TAG_COLORS, tagCreateBody, tagUpdateBody, toSessionTags } from "./tags";

const contrast = (a: string, b: string) => {
  const [light, dark] = [relativeLuminance(a)!, relativeLuminance(b)!].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
};

describe("tag names", () => {
  it("are trimmed, spaced once and lower case, so one tag has one spelling", () => {
    assert.equal(normalizeTagName("  VIP   Customer "), "vip customer");
    assert.equal(normalizeTagName("Billing\tQuestion\n"), "billing question");
    assert.equal(normalizeTagName("ÄRGER"), "ärger");
  });

  it("are checked after normalising: blank is empty, the limit counts the stored name", () => {
    assert.deepEqual(tagCreateBody.parse({ name: "  Refund  " }), { name: "refund", color: "gray" });
    assert.equal(tagCreateBody.safeParse({ name: " \t " }).success, false);
    assert.equal(tagCreateBody.safeParse({ name: `${"a".repeat(40)}    ` }).success, true);
    assert.equal(tagCreateBody.safeParse({ name: "a".repeat(41) }).success, false);
    assert.equal(tagCreateBody.safeParse({ name: "ok", color: "#ff0000" }).success, false);
    assert.equal(tagCreateBody.safeParse({ name: "ok", extra: 1 }).success, false);
    assert.equal(tagUpdateBody.safeParse({}).success, false);
    assert.deepEqual(tagUpdateBody.parse({ color: "teal" }), { color: "teal" });
  });
});

describe("tag colours", () => {
  it("every palette pair reads at WCAG AA (4.5:1) for small text", () => {
    for (const [name, { background, text }] of Object.entries(TAG_COLORS)) assert.ok(contrast(background, text) >= 4.5, `${name}: ${contrast(background, text).toFixed(2)}`);
  });

  it("a stored colour the palette lacks reads as gray; a session's tags come by name", () => {
    const tags = toSessionTags([{ tag: { id: "b", name: "vip", color: "violet" } }, { tag: { id: "a", name: "billing", color: "chartreuse" } }]);
    assert.deepEqual(tags, [
      { id: "a", name: "billing", color: "gray" },
      { id: "b", name: "vip", color: "violet" },
    ]);
    assert.equal(hasTag({ tags }, "b"), true);
    assert.equal(hasTag({ tags }, "c"), false);
    assert.equal(hasTag({ tags: [] }, null), true, "no filter keeps every row");
  });
});
