import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "../errors/app-error";
import { readJsonBody } from "./json-body.server";

const post = (body: BodyInit, headers: Record<string, string> = {}) => new Request("http://localhost/api", { method: "POST", body, headers });
const streamOf = (...parts: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
      controller.close();
    },
  });
const withCode = (code: string) => (error: unknown) => error instanceof AppError && error.code === code;

describe("readJsonBody", () => {
  it("parses a JSON body and reads an empty one as {}", async () => {
    assert.deepEqual(await readJsonBody(post('{"title":"A"}'), 64), { title: "A" });
    assert.deepEqual(await readJsonBody(post(""), 64), {});
  });

  it("refuses a body that is not JSON with validation_error", async () => {
    await assert.rejects(readJsonBody(post("{title"), 64), (error: unknown) => withCode("validation_error")(error) && (error as AppError).details.fields?._?.[0] === "not valid JSON");
  });

  it("refuses a body over the limit with payload_too_large, declared or streamed", async () => {
    // Refused on the declared length alone, before reading.
    await assert.rejects(readJsonBody(post("{}", { "content-length": "65" }), 64), withCode("payload_too_large"));
    // No content-length: the limit is enforced while reading.
    const streamed = new Request("http://localhost/api", { method: "POST", body: streamOf("x".repeat(40), "x".repeat(40)), duplex: "half" } as RequestInit);
    await assert.rejects(readJsonBody(streamed, 64), withCode("payload_too_large"));
  });
});
