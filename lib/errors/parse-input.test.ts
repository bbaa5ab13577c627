import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import { AppError } from "./app-error";
import { isStorableText, parseInput } from "./parse-input";

describe("parseInput", () => {
  const schema = z.object({ name: z.string().max(5), age: z.number().int() }).strict();

  it("returns the parsed value", () => assert.deepEqual(parseInput(schema, { name: "Ann", age: 3 }), { name: "Ann", age: 3 }));

  it("names every offending field in a validation_error", () => {
    assert.throws(
      () => parseInput(schema, { name: "too long", age: "3", extra: true }),
      (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, "validation_error");
        assert.equal(error.status, 400);
        assert.deepEqual(Object.keys(error.details.fields ?? {}).sort(), ["_", "age", "name"]);
        return true;
      },
    );
  });

  const fieldsOf = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      assert.ok(error instanceof AppError && error.code === "validation_error");
      return error.details.fields;
    }
    assert.fail("expected a validation_error");
  };

  it("refuses NUL characters and lone surrogates in any string the schema lets through, naming the field", () => {
    const nested = z.object({ message: z.string(), customer: z.object({ name: z.string() }).optional(), tags: z.array(z.string()).optional() });
    const refused = "must not contain NUL characters or unpaired UTF-16 surrogates";
    assert.deepEqual(
      fieldsOf(() => parseInput(nested, { message: "a\u0000b" })),
      { message: [refused] },
    );
    assert.deepEqual(
      fieldsOf(() => parseInput(nested, { message: "ok", customer: { name: "\ud800" } })),
      { "customer.name": [refused] },
    );
    assert.deepEqual(
      fieldsOf(() => parseInput(nested, { message: "x\udc00", tags: ["fine", "lone \udbff"] })),
      { message: [refused], "tags.1": [refused] },
    );
    assert.deepEqual(
      fieldsOf(() => parseInput(z.string(), "\u0000")),
      { _: [refused] },
    );
    assert.deepEqual(
      fieldsOf(() => parseInput(z.record(z.string(), z.number()), { "k\u0000": 1 })),
      { _: [refused] },
    );
  });

  it("keeps well-formed text: emoji (surrogate pairs), RTL overrides, combining marks, other control characters", () => {
    const text = "😀👍🏽 \u202eevil\u202c e\u0301 \t\u0001 中文 \ufeff";
    assert.equal(isStorableText(text), true);
    assert.deepEqual(parseInput(z.object({ body: z.string() }), { body: text }), { body: text });
    for (const bad of ["\u0000", "a\ud83d", "\ude00b", "\ude00\ud83d"]) assert.equal(isStorableText(bad), false, JSON.stringify(bad));
  });
});
