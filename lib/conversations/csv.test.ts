import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { csvCell, csvRow } from "./csv";

describe("CSV cells", () => {
  it("quotes what needs quoting (separator, quote, line breaks) and doubles quotes, RFC 4180", () => {
    assert.equal(csvCell("plain"), "plain");
    assert.equal(csvCell("a,b"), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell("two\nlines"), '"two\nlines"');
    assert.equal(csvCell("cr\r\nlf"), '"cr\r\nlf"');
  });

  it("defuses every cell that a spreadsheet would run as a formula", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
      const cell = csvCell(`${start}HYPERLINK("http://evil.example")`);
      assert.ok(cell.startsWith(`'${start}`) || cell.startsWith(`"'${start}`), `${JSON.stringify(start)} → ${cell}`);
    }
    assert.equal(csvCell("=1+1"), "'=1+1");
    assert.equal(csvCell('=cmd|"/c calc"!A1'), `"'=cmd|""/c calc""!A1"`);
    assert.equal(csvCell("a=1"), "a=1", "only a formula-like start is changed");
  });

  it("writes numbers as they are, and null, undefined and non-finite numbers as empty cells", () => {
    assert.equal(csvCell(42), "42");
    assert.equal(csvCell(0), "0");
    assert.equal(csvCell(null), "");
    assert.equal(csvCell(undefined), "");
    assert.equal(csvCell(Number.NaN), "");
  });

  it("ends each row with CRLF", () => {
    assert.equal(csvRow(["a", 1, null, "b,c"]), 'a,1,,"b,c"\r\n');
  });
});
