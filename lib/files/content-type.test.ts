import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createTextCheck, isRasterImage, sniffContentType } from "./content-type";

const bytes = (...values: number[]) => Uint8Array.from(values);
const text = (value: string) => new TextEncoder().encode(value);
/** Sniffs a whole small file as an upload would: its head, and whether all of it is text. */
function sniff(file: Uint8Array) {
  const check = createTextCheck();
  check.push(file);
  return sniffContentType(file, check.isText());
}

const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52);
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0);
const WEBP = text("RIFF\u0024\u0000\u0000\u0000WEBPVP8 ");

describe("sniffContentType", () => {
  it("knows each accepted kind by its bytes", () => {
    assert.equal(sniff(PNG), "image/png");
    assert.equal(sniff(JPEG), "image/jpeg");
    assert.equal(sniff(text("GIF89a\u0001\u0000\u0001\u0000")), "image/gif");
    assert.equal(sniff(text("GIF87a\u0001\u0000")), "image/gif");
    assert.equal(sniff(WEBP), "image/webp");
    assert.equal(sniff(text("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj")), "application/pdf");
    assert.equal(sniff(text("Order 4521, tracking ZX81 — délivré ✓\r\n")), "text/plain");
    assert.equal(sniff(text("<3 thanks for the help")), "text/plain", "a '<' is not markup by itself");
  });

  it("refuses SVG, HTML and XML, even with leading whitespace or a BOM", () => {
    for (const markup of [
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      '<?xml version="1.0"?><svg/>',
      "<!DOCTYPE html><title>x</title>",
      "\n\n   <html><body onload=alert(1)>",
      "\uFEFF<script>alert(1)</script>",
      "<IFRAME src=//evil.example>",
      "<!-- a comment --><p>hi",
    ]) {
      assert.equal(sniff(text(markup)), null, markup);
    }
  });

  it("refuses an executable renamed .png, binary junk, invalid UTF-8 and text with NUL bytes", () => {
    assert.equal(sniff(text("MZ\u0090\u0000\u0003\u0000\u0000\u0000PE\u0000\u0000")), null);
    assert.equal(sniff(bytes(0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0)), null, "ELF");
    assert.equal(sniff(bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0)), null, "zip");
    assert.equal(sniff(bytes(0x68, 0x69, 0xc3)), null, "ends inside a character");
    assert.equal(sniff(bytes(0x68, 0xff, 0x69)), null, "not UTF-8");
    assert.equal(sniff(text("hello\u0000world")), null, "NUL");
  });

  it("follows text across chunks, a character split between two included", () => {
    const check = createTextCheck();
    const euro = text("price: 5€");
    check.push(euro.subarray(0, euro.length - 1));
    check.push(euro.subarray(euro.length - 1));
    assert.equal(check.isText(), true);
  });

  it("only raster images are shown inline", () => {
    assert.deepEqual(["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain", "image/svg+xml"].map(isRasterImage), [true, true, true, true, false, false, false]);
  });
});
