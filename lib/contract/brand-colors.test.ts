import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DARK_TEXT, LIGHT_TEXT, readableTextOn, relativeLuminance } from "./brand-colors";

describe("brand colours", () => {
  it("measures WCAG relative luminance", () => {
    assert.equal(relativeLuminance("#000000"), 0);
    assert.equal(relativeLuminance("#FFFFFF"), 1);
    assert.equal(relativeLuminance("blue"), null);
  });

  it("puts white text on dark colours and near-black on light ones", () => {
    for (const dark of ["#2563eb", "#1f57c9", "#7c3aed", "#b91c1c", "#000000"]) assert.equal(readableTextOn(dark), LIGHT_TEXT, dark);
    for (const light of ["#facc15", "#ffffff", "#a3e635", "#67e8f9", "#f97316"]) assert.equal(readableTextOn(light), DARK_TEXT, light);
  });

  it("falls back to white for a value that is not #rrggbb", () => {
    assert.equal(readableTextOn("not a colour"), LIGHT_TEXT);
  });
});
