import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { messageParts } from "./message-links";

const id = "0b4c5a3e-8f5e-4a39-9d8e-2d1f6c7b8a90";

describe("messageParts", () => {
  it("turns links to help articles into link parts and keeps the text around them", () => {
    assert.deepEqual(messageParts(`See [Shipping times](/help/acme/${id}).`), [
      { kind: "text", text: "See " },
      { kind: "link", text: "Shipping times", href: `/help/acme/${id}` },
      { kind: "text", text: "." },
    ]);
  });

  it("leaves every other link as plain text", () => {
    for (const body of ["[click](https://evil.example/help/acme/x)", "[x](javascript:alert(1))", `[x](//evil.example/help/acme/${id})`, "no links at all"]) {
      assert.deepEqual(messageParts(body), [{ kind: "text", text: body }], body);
    }
  });
});
