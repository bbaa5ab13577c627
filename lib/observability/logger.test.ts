import assert from "node:assert/strict";
import { describe, it } from "node:test";
import pg from "pg";
import { Prisma } from "../db/generated/client";
import { describeError } from "./logger";

const SECRET = "my card is 4111 1111 1111 1111";
const logged = (error: unknown) => JSON.stringify(describeError(error));

describe("describeError", () => {
  it("keeps Prisma's codes, never its invocation text or the query's arguments", () => {
    // The shape of a failed raw query through the pg driver adapter.
    const raw = new Prisma.PrismaClientKnownRequestError(
      `\nInvalid \`prisma.$queryRaw()\` invocation:\n\n\nRaw query failed. Code: \`22P02\`. Message: \`invalid input syntax for type uuid: "${SECRET}"\``,
      {
        code: "P2010",
        clientVersion: "6.19.3",
        meta: { driverAdapterError: { cause: { originalCode: "22P02", originalMessage: `invalid input syntax for type uuid: "${SECRET}"`, kind: "InvalidInputValue" } } },
      },
    );
    const facts = describeError(raw);
    assert.equal(facts.name, "PrismaClientKnownRequestError");
    assert.equal(facts.code, "P2010");
    assert.equal(facts.sqlState, "22P02");
    assert.equal(facts.message, undefined);
    assert.ok(!logged(raw).includes(SECRET));

    const validation = new Prisma.PrismaClientValidationError(
      `\nInvalid \`prisma.customer.create()\` invocation:\n\n{\n  data: {\n    name: "${SECRET}",\n    nme: 1\n  }\n}\n\nUnknown argument \`nme\`.`,
      { clientVersion: "6.19.3" },
    );
    assert.equal(describeError(validation).name, "PrismaClientValidationError");
    assert.ok(!logged(validation).includes(SECRET));
  });

  it("keeps pg's SQLSTATE, never its message, detail or context", () => {
    const error = new pg.DatabaseError(`invalid input syntax for type uuid: "${SECRET}"`, 0, "error");
    Object.assign(error, { severity: "ERROR", code: "23505", detail: `Key (email)=(${SECRET}) already exists.`, where: `SQL statement "${SECRET}"` });
    assert.equal(describeError(error).name, "DatabaseError");
    assert.equal(describeError(error).code, "23505");
    assert.ok(!logged(error).includes(SECRET));
  });

  it("keeps the first line of other errors' messages, truncated, and where they were thrown", () => {
    const error = new TypeError(`${"x".repeat(300)}\nsecond line: ${SECRET}`);
    const facts = describeError(error);
    assert.equal(facts.name, "TypeError");
    assert.equal(facts.message, "x".repeat(200));
    assert.ok(facts.frames?.length && facts.frames.every((frame) => frame.startsWith("at ")));
    assert.ok(!logged(error).includes(SECRET));
    assert.equal(describeError(Object.assign(new Error("connect failed"), { code: "ECONNREFUSED" })).code, "ECONNREFUSED");
  });

  it("says only the type of a thrown non-Error", () => {
    assert.deepEqual(describeError(SECRET), { name: "string" });
    assert.deepEqual(describeError({ body: SECRET }), { name: "object" });
    assert.deepEqual(describeError(null), { name: "null" });
  });
});
