import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { conversationExportFilter, conversationFilter, cursorOf, filterInput, filterQuery, parseCursor, transcriptQuery } from "./conversations";

const parse = (query: string) => conversationFilter.safeParse(filterInput(new URLSearchParams(query)));
const fieldsOf = (query: string) => {
  const result = parse(query);
  assert.equal(result.success, false, `${query} should be refused`);
  return result.error!.issues.map((issue) => issue.path.join("."));
};

describe("conversation filters from a query string", () => {
  it("reads every filter; lists repeat or are comma-separated; company_id and empty values are left out", () => {
    const result = parse(
      "company_id=x&status=CLOSED&status=ABANDONED&agent_id=7f1c7d0e-0000-4000-8000-000000000001&tag=vip&from=2026-11-01&to=2026-11-30T23:59:00Z&csat=4,5&csat=5&outcome=handed_off&q=+order+4521+&cursor=&unused_empty=",
    );
    assert.ok(result.success, JSON.stringify(result.error?.issues));
    assert.deepEqual(result.data, {
      status: ["CLOSED", "ABANDONED"],
      agent_id: "7f1c7d0e-0000-4000-8000-000000000001",
      tag: "vip",
      from: "2026-11-01",
      to: "2026-11-30T23:59:00Z",
      csat: [4, 5],
      outcome: "handed_off",
      q: "order 4521",
    });
  });

  it("no filters at all is a valid (unfiltered) view", () => {
    assert.deepEqual(parse("").data, {});
    assert.deepEqual(parse("company_id=x&q=&status=").data, {});
  });

  it("names each offending field", () => {
    assert.deepEqual(fieldsOf("status=OPEN"), ["status.0"]);
    assert.deepEqual(fieldsOf("agent_id=nobody"), ["agent_id"]);
    assert.deepEqual(fieldsOf("csat=6"), ["csat.0"]);
    assert.deepEqual(fieldsOf("csat=good"), ["csat.0"]);
    assert.deepEqual(fieldsOf("outcome=maybe"), ["outcome"]);
    assert.deepEqual(fieldsOf("from=yesterday"), ["from"]);
    assert.deepEqual(fieldsOf("from=2026-02-30"), ["from"]);
    assert.deepEqual(fieldsOf("from=2026-12-01&to=2026-11-01"), ["to"]);
    assert.deepEqual(fieldsOf(`q=${"x".repeat(201)}`), ["q"]);
    assert.deepEqual(fieldsOf(`tag=${"x".repeat(65)}`), ["tag"]);
    assert.deepEqual(fieldsOf("cursor=abc"), ["cursor"]);
    assert.deepEqual(fieldsOf("q=a&q=b"), ["q"], "a single-valued filter given twice");
    assert.deepEqual(fieldsOf("sort=oldest"), [""], "an unknown key");
    assert.deepEqual(fieldsOf("__proto__=x"), [""]);
  });

  it("the export takes the same filters but no cursor", () => {
    const cursor = cursorOf({ created_at: "2026-11-30T10:00:00.000Z", id: "7f1c7d0e-0000-4000-8000-000000000001" });
    assert.equal(conversationFilter.safeParse(filterInput(new URLSearchParams({ cursor }))).success, true);
    assert.equal(conversationExportFilter.safeParse(filterInput(new URLSearchParams({ cursor }))).success, false);
    assert.equal(conversationExportFilter.safeParse(filterInput(new URLSearchParams("q=refund&csat=1,2"))).success, true);
  });

  it("page links round-trip: filterQuery(parse(x)) parses to the same filter", () => {
    const filter = parse("status=CLOSED,ABANDONED&csat=2,1&q=where is my parcel&from=2026-11-01").data!;
    assert.deepEqual(parse(filterQuery(filter).toString()).data, filter);
  });

  it("cursors name the last row and are checked", () => {
    const row = { created_at: "2026-11-30T10:00:00.123Z", id: "7f1c7d0e-0000-4000-8000-000000000001" };
    assert.deepEqual(parseCursor(cursorOf(row)), { createdAt: new Date(row.created_at), id: row.id });
    assert.equal(parseCursor("2026-11-30T10:00:00.123Z_not-a-uuid"), null);
    assert.equal(parseCursor("2026-13-45T10:00:00.123Z_7f1c7d0e-0000-4000-8000-000000000001"), null);
  });

  it("transcripts default to the customer's copy as text", () => {
    assert.deepEqual(transcriptQuery.parse({}), { format: "txt", audience: "customer" });
    assert.equal(transcriptQuery.safeParse({ format: "pdf" }).success, false);
    assert.equal(transcriptQuery.safeParse({ audience: "everyone" }).success, false);
  });
});
