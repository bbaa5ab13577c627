import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "../errors/app-error";
import { parseInput } from "../errors/parse-input";
import { normaliseShortcut, SAVED_REPLY_BODY_MAX_LENGTH, savedReplyBody, savedReplyPatch } from "./saved-replies";

const fieldsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof AppError && error.code === "validation_error");
    return error.details.fields;
  }
  assert.fail("expected a validation error");
};

describe("saved reply bodies", () => {
  it("normalises the shortcut: trimmed, lowercase, without the leading slash", () => {
    assert.equal(normaliseShortcut("  /Refund-EU "), "refund-eu");
    assert.deepEqual(parseInput(savedReplyBody, { title: " Refund policy ", shortcut: "REFUND", body: " Refunds take 5 days. " }), {
      title: "Refund policy",
      shortcut: "refund",
      body: "Refunds take 5 days.",
    });
    assert.deepEqual(parseInput(savedReplyPatch, { shortcut: "/Thanks_2" }), { shortcut: "thanks_2" });
  });

  it("refuses shortcuts that could not be typed after a slash", () => {
    const rule = ["shortcut must be 1–32 characters: letters, digits, - and _, starting with a letter or digit"];
    for (const shortcut of ["", "/", "-refund", "_x", "two words", "refund!", "é", "x".repeat(33), "a/b"]) {
      assert.deepEqual(
        fieldsOf(() => parseInput(savedReplyBody, { title: "T", shortcut, body: "B" })),
        { shortcut: rule },
        JSON.stringify(shortcut),
      );
    }
    assert.equal(parseInput(savedReplyBody, { title: "T", shortcut: "a".repeat(32), body: "B" }).shortcut, "a".repeat(32));
  });

  it("names every field at fault, and refuses unknown keys and empty patches", () => {
    assert.deepEqual(
      fieldsOf(() => parseInput(savedReplyBody, { title: "x".repeat(81), shortcut: 3, body: "x".repeat(SAVED_REPLY_BODY_MAX_LENGTH + 1) })),
      {
        title: ["title must be at most 80 characters"],
        shortcut: ["Invalid input: expected string, received number"],
        body: [`body must be at most ${SAVED_REPLY_BODY_MAX_LENGTH} characters`],
      },
    );
    assert.deepEqual(
      fieldsOf(() => parseInput(savedReplyBody, { title: "  ", shortcut: "ok", body: "" })),
      { title: ["title must not be empty"], body: ["body must not be empty"] },
    );
    assert.deepEqual(Object.keys(fieldsOf(() => parseInput(savedReplyBody, { title: "T", shortcut: "t", body: "B", business_id: "x" })) ?? {}), ["_"]);
    assert.deepEqual(
      fieldsOf(() => parseInput(savedReplyPatch, {})),
      { _: ["send title, shortcut, body or any of them"] },
    );
  });
});
