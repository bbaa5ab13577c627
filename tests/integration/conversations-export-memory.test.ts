/**
 * Issue 16, export: 100k conversations stream out of GET /api/v1/admin/conversations/export.csv
 * with a flat heap. The rows are written with SQL; the route's body is read chunk by chunk (as a
 * slow client would, never kept), and the heap is measured after a full garbage collection at
 * intervals while it streams. A buffering export would hold the whole CSV (tens of MB) or its rows
 * at once; the bound below is a fraction of that.
 */
import assert from "node:assert/strict";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { before, describe, it } from "node:test";
import { NextRequest } from "next/server";
import * as exportRoute from "../../app/api/v1/admin/conversations/export.csv/route";
import { addMembership, createBusiness, createUser } from "../../lib/seed/factories.server";
import { sessionCookie, sessionTokenFor } from "../support/auth-tokens";
import { APP_URL, useStaffRoutes } from "../support/staff-routes";
import { useTestStack } from "../support/test-stack";

const CONVERSATIONS = 100_000;
/** Heap growth allowed while streaming: a few batches and the stream's buffers, far below the export's size. */
const HEAP_GROWTH_BOUND_BYTES = 8 * 2 ** 20;

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;
const heapAfterGc = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

describe("conversation export: 100k conversations stream with a flat heap", () => {
  const stack = useTestStack();
  useStaffRoutes(stack);
  const db = () => stack.database.db;
  let businessId = "";
  let token = "";

  before(async () => {
    const business = await createBusiness(db(), { slug: "export-memory", name: "Export Memory Co" });
    const owner = await createUser(db(), { email: "owner@export-memory.test" });
    await addMembership(db(), { userId: owner.id, businessId: business.id, role: "OWNER" });
    businessId = business.id;
    token = await sessionTokenFor(db(), owner.email);
    await db().$executeRaw`INSERT INTO "Customer" (id, "businessId", name, email)
      SELECT gen_random_uuid(), ${businessId}::uuid, 'Customer ' || g, 'customer' || g || '@export.test' FROM generate_series(1, 1000) g`;
    await db().$executeRaw`
      WITH c AS (SELECT array_agg(id) AS ids FROM "Customer" WHERE "businessId" = ${businessId}::uuid)
      INSERT INTO "ChatSession" (id, "businessId", "customerId", status, "createdAt", "queuedAt", "closedAt", "lastMessageAt", "handoffReason")
      SELECT gen_random_uuid(), ${businessId}::uuid, c.ids[1 + g % 1000], 'CLOSED', now() - g * interval '1 minute',
        CASE WHEN g % 2 = 0 THEN now() - g * interval '1 minute' END, now() - g * interval '1 minute' + interval '5 minutes', now() - g * interval '1 minute',
        CASE WHEN g % 2 = 0 THEN 'Customer asked for a person' END
      FROM generate_series(1, ${CONVERSATIONS}::int) g, c`;
    await db().$executeRaw`
      INSERT INTO "ChatMessage" (id, "businessId", "sessionId", author, body, "createdAt")
      SELECT gen_random_uuid(), s."businessId", s.id, 'CUSTOMER', 'Where is my parcel? It was due on Monday.', s."createdAt"
      FROM "ChatSession" s WHERE s."businessId" = ${businessId}::uuid`;
    await db().$executeRawUnsafe(`ANALYZE`);
  });

  it("streams every row while the heap stays within the bound", async () => {
    const request = new NextRequest(new URL(`/api/v1/admin/conversations/export.csv?company_id=${businessId}`, APP_URL), { headers: { cookie: sessionCookie(token) } });
    const response = await exportRoute.GET(request, { params: Promise.resolve({}) });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("x-row-count"), String(CONVERSATIONS));

    const baseline = heapAfterGc();
    let peak = baseline;
    let bytes = 0;
    let lines = 0;
    let chunks = 0;
    const reader = response.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      for (const byte of value) if (byte === 10) lines++;
      if (++chunks % 20 === 0) peak = Math.max(peak, heapAfterGc());
    }
    const growth = peak - baseline;
    console.log(`export: ${lines - 1} rows, ${(bytes / 2 ** 20).toFixed(1)} MiB in ${chunks} chunks; heap growth at its peak ${(growth / 2 ** 20).toFixed(1)} MiB`);
    assert.equal(lines, CONVERSATIONS + 1, "the header and one line per conversation");
    assert.ok(bytes > 2 * HEAP_GROWTH_BOUND_BYTES, "the export is far larger than the bound, so a buffering export would break it");
    assert.ok(growth < HEAP_GROWTH_BOUND_BYTES, `heap grew ${(growth / 2 ** 20).toFixed(1)} MiB while streaming`);
  });
});
