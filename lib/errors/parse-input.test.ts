import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import { AppError } from "./app-error";
import { parseInput } from "./parse-input";

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
});
