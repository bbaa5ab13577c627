import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { contentDisposition, FILE_NAME_MAX_LENGTH, formatBytes, sanitizeFileName } from "./file-name";

describe("sanitizeFileName", () => {
  it("keeps a name that matches its real type", () => {
    assert.equal(sanitizeFileName("Receipt March.PDF", "application/pdf"), "Receipt March.pdf");
    assert.equal(sanitizeFileName("photo.jpeg", "image/jpeg"), "photo.jpeg");
    assert.equal(sanitizeFileName("Straße café.png", "image/png"), "Straße café.png");
  });

  it("strips paths, control and bidi characters, and leading dots", () => {
    assert.equal(sanitizeFileName("../../etc/passwd", "text/plain"), "passwd.txt");
    assert.equal(sanitizeFileName("C:\\Users\\me\\invoice.pdf", "application/pdf"), "invoice.pdf");
    assert.equal(sanitizeFileName("a\u0000b\u001bc\r\nd.txt", "text/plain"), "abcd.txt");
    assert.equal(sanitizeFileName("invoice\u202Efdp.exe", "application/pdf"), "invoicefdp.exe.pdf");
    assert.equal(sanitizeFileName(".htaccess", "text/plain"), "htaccess.txt");
  });

  it("gives the extension of the sniffed type, never the client's", () => {
    assert.equal(sanitizeFileName("setup.exe", "image/png"), "setup.exe.png");
    assert.equal(sanitizeFileName("image.svg", "text/plain"), "image.svg.txt");
    assert.equal(sanitizeFileName("photo.png", "image/jpeg"), "photo.png.jpg");
    assert.equal(sanitizeFileName("noextension", "application/pdf"), "noextension.pdf");
  });

  it("names an empty name, and cuts a long one to the limit without splitting a character", () => {
    assert.equal(sanitizeFileName("   ", "image/gif"), "attachment.gif");
    assert.equal(sanitizeFileName("/", "image/gif"), "attachment.gif");
    const long = sanitizeFileName(`${"😀".repeat(200)}.png`, "image/png");
    assert.ok(Array.from(long).length <= FILE_NAME_MAX_LENGTH);
    assert.ok(long.endsWith("😀.png"));
    assert.ok(!/[\uD800-\uDFFF](?![\uDC00-\uDFFF])/.test(long.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, "")));
  });
});

describe("contentDisposition", () => {
  it("has an ASCII fallback and the UTF-8 name (RFC 5987)", () => {
    assert.equal(contentDisposition("attachment", 'Straße "Q1".pdf'), `attachment; filename="Stra_e _Q1_.pdf"; filename*=UTF-8''Stra%C3%9Fe%20%22Q1%22.pdf`);
    assert.equal(contentDisposition("inline", "it's (1).png"), `inline; filename="it's (1).png"; filename*=UTF-8''it%27s%20%281%29.png`);
  });
});

describe("formatBytes", () => {
  it("reads like people write sizes", () => {
    assert.deepEqual([0, 1023, 1024, 1536, 10 * 1024 * 1024, 3 * 1024 ** 3].map(formatBytes), ["0 bytes", "1023 bytes", "1 KiB", "1.5 KiB", "10 MiB", "3 GiB"]);
  });
});
