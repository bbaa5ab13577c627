import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { AppError } from "../../lib/errors/app-error";
import { listMemberships, requireMembership } from "../../lib/tenancy/memberships.server";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

describe("tenancy: memberships", () => {
  let database: TestDatabase;
  const ids: Record<string, string> = {};

  before(async () => {
    database = await createTestDatabase();
    for (const b of await database.db.business.findMany({ select: { id: true, slug: true } })) ids[b.slug] = b.id;
    for (const u of await database.db.user.findMany({ select: { id: true, email: true } })) ids[u.email] = u.id;
  });
  after(() => database.drop());

  const isNotFound = (error: unknown) => error instanceof AppError && error.code === "not_found" && error.message === "Business not found.";

  it("lists exactly the businesses a user belongs to", async () => {
    assert.deepEqual(
      (await listMemberships(database.db, ids["owner@acme.test"])).map((m) => [m.slug, m.role]),
      [["acme", "OWNER"]],
    );
    assert.deepEqual(
      (await listMemberships(database.db, ids["owner@globex.test"])).map((m) => [m.slug, m.role]),
      [["globex", "OWNER"]],
    );
    const both = await listMemberships(database.db, ids["manager@both.test"]);
    assert.deepEqual(both.map((m) => [m.slug, m.role]).sort(), [
      ["acme", "ADMIN"],
      ["globex", "ADMIN"],
    ]);
  });

  it("scopes a member to their business", async () => {
    assert.deepEqual(await requireMembership(database.db, ids["owner@acme.test"], ids.acme), { businessId: ids.acme, role: "OWNER" });
  });

  it("answers a foreign business exactly like a missing or malformed one", async () => {
    await assert.rejects(requireMembership(database.db, ids["owner@acme.test"], ids.globex), isNotFound);
    await assert.rejects(requireMembership(database.db, ids["owner@acme.test"], "00000000-0000-4000-8000-000000000000"), isNotFound);
    await assert.rejects(requireMembership(database.db, ids["owner@acme.test"], "not-a-uuid'; DROP TABLE"), isNotFound);
  });

  it("refuses a member whose role is not enough with forbidden", async () => {
    await assert.rejects(requireMembership(database.db, ids["agent@acme.test"], ids.acme, ["OWNER", "ADMIN"]), (error: unknown) => error instanceof AppError && error.code === "forbidden");
  });
});
