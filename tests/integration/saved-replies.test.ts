/**
 * Issue 16, saved replies through their routes: owners and admins create, edit and delete them
 * (each change audit-logged), every member lists them (agents use them in the composer), agents
 * cannot change them (403), another business's reply or company_id answers exactly like a missing
 * one, bad bodies are refused with the fields at fault, and a shortcut is one per business.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as listRoute from "../../app/api/v1/admin/saved-replies/route";
import * as replyRoute from "../../app/api/v1/admin/saved-replies/[id]/route";
import type { SavedReplyListWire, SavedReplyWire } from "../../lib/contract/saved-replies";
import { loadSavedRepliesPage } from "../../lib/replies/saved-replies-page.server";
import { sessionTokenFor } from "../support/auth-tokens";
import { callRoute, useStaffRoutes, type RouteHandler } from "../support/staff-routes";
import { useTestStack } from "../support/test-stack";

const MISSING = "00000000-0000-4000-8000-000000000000";
const handler = (route: unknown) => route as RouteHandler;

describe("saved replies: managed by owners and admins, used by every member, one business's own", () => {
  const stack = useTestStack();
  useStaffRoutes(stack);
  const db = () => stack.database.db;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  before(async () => {
    for (const email of ["owner@acme.test", "manager@both.test", "agent@acme.test", "owner@globex.test"]) {
      tokens[email] = await sessionTokenFor(db(), email);
      ids[email] = (await db().user.findUniqueOrThrow({ where: { email } })).id;
    }
  });

  const company = (slug: "acme" | "globex") => stack.ids[slug];
  const list = (as: string, companyId = company("acme")) => callRoute(handler(listRoute.GET), { method: "GET", path: `/api/v1/admin/saved-replies?company_id=${companyId}`, token: tokens[as] });
  const create = (as: string, body: unknown, companyId = company("acme")) =>
    callRoute(handler(listRoute.POST), { method: "POST", path: `/api/v1/admin/saved-replies?company_id=${companyId}`, token: tokens[as], body });
  const onReply = (method: "GET" | "PATCH" | "DELETE", as: string | undefined, id: string, options: { body?: unknown; companyId?: string } = {}) =>
    callRoute(handler(replyRoute[method]), {
      method,
      path: `/api/v1/admin/saved-replies/${encodeURIComponent(id)}?company_id=${options.companyId ?? company("acme")}`,
      params: { id },
      token: as && tokens[as],
      body: options.body,
    });
  const created = async (as: string, body: { title: string; shortcut: string; body: string }, companyId?: string) => {
    const answer = await create(as, body, companyId);
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body as SavedReplyWire;
  };
  const audits = (target: string) => db().auditLog.findMany({ where: { target }, orderBy: { createdAt: "asc" }, select: { businessId: true, actorUserId: true, action: true, meta: true } });
  const stored = (id: string) => db().savedReply.findUnique({ where: { id }, select: { businessId: true, title: true, shortcut: true, body: true, createdByUserId: true } });
  const fieldsOf = (answer: { body: unknown }) => (answer.body as { error: { fields?: Record<string, string[]> } }).error.fields;

  it("an owner creates, edits and deletes a reply; each change is audit-logged; any member lists it", async () => {
    const reply = await created("owner@acme.test", { title: "  Refund policy ", shortcut: "/Refund", body: "Hi {{customer.name}}, refunds take 5 days. — {{ agent.name }}, {{business.name}}" });
    assert.equal(reply.title, "Refund policy");
    assert.equal(reply.shortcut, "refund", "stored lowercase, without the slash");
    assert.equal(reply.body, "Hi {{customer.name}}, refunds take 5 days. — {{ agent.name }}, {{business.name}}", "variables stored as written");
    assert.deepEqual(await stored(reply.id), { businessId: company("acme"), title: reply.title, shortcut: "refund", body: reply.body, createdByUserId: ids["owner@acme.test"] });

    for (const member of ["owner@acme.test", "agent@acme.test", "manager@both.test"]) {
      const listed = await list(member);
      assert.equal(listed.status, 200, member);
      const replies = (listed.body as SavedReplyListWire).saved_replies;
      assert.deepEqual(
        replies.find((r) => r.id === reply.id),
        reply,
        member,
      );
      assert.deepEqual(
        replies.map((r) => r.shortcut),
        [...replies.map((r) => r.shortcut)].sort(),
        "by shortcut",
      );
    }
    assert.deepEqual(await onReply("GET", "agent@acme.test", reply.id), { status: 200, body: reply });

    const edited = await onReply("PATCH", "manager@both.test", reply.id, { body: { body: "Refunds take 5 working days.", shortcut: "REFUNDS" } });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    const after = edited.body as SavedReplyWire;
    assert.deepEqual(
      { title: after.title, shortcut: after.shortcut, body: after.body, created_at: after.created_at },
      { title: "Refund policy", shortcut: "refunds", body: "Refunds take 5 working days.", created_at: reply.created_at },
    );
    assert.ok(after.updated_at >= reply.updated_at);

    assert.deepEqual(await onReply("DELETE", "owner@acme.test", reply.id), { status: 200, body: { deleted: true } });
    assert.equal(await stored(reply.id), null);
    assert.deepEqual(await onReply("GET", "owner@acme.test", reply.id), { status: 404, body: { error: { code: "not_found", message: "Saved reply not found." } } });

    assert.deepEqual(await audits(reply.id), [
      { businessId: company("acme"), actorUserId: ids["owner@acme.test"], action: "saved_reply.created", meta: { shortcut: "refund", title: "Refund policy" } },
      { businessId: company("acme"), actorUserId: ids["manager@both.test"], action: "saved_reply.updated", meta: { shortcut: "refunds", title: "Refund policy", changed: ["shortcut", "body"] } },
      { businessId: company("acme"), actorUserId: ids["owner@acme.test"], action: "saved_reply.deleted", meta: { shortcut: "refunds", title: "Refund policy" } },
    ]);
  });

  it("an agent may list and read replies but not create, edit or delete one (403), and nothing changes", async () => {
    const reply = await created("owner@acme.test", { title: "Opening hours", shortcut: "hours", body: "We answer 9–17 CET." });
    const forbidden = { code: "forbidden" };
    const create403 = await create("agent@acme.test", { title: "Mine", shortcut: "mine", body: "Agent-made" });
    assert.equal(create403.status, 403);
    assert.equal((create403.body as { error: { code: string } }).error.code, forbidden.code);
    for (const [method, body] of [
      ["PATCH", { title: "Changed by an agent" }],
      ["DELETE", undefined],
    ] as const) {
      const answer = await onReply(method, "agent@acme.test", reply.id, { body });
      assert.equal(answer.status, 403, method);
      assert.equal((answer.body as { error: { code: string } }).error.code, "forbidden", method);
    }
    assert.equal(await db().savedReply.count({ where: { businessId: company("acme"), shortcut: "mine" } }), 0);
    assert.deepEqual(await stored(reply.id), { businessId: company("acme"), title: "Opening hours", shortcut: "hours", body: "We answer 9–17 CET.", createdByUserId: ids["owner@acme.test"] });
    assert.deepEqual(
      (await audits(reply.id)).map((a) => a.action),
      ["saved_reply.created"],
    );
    assert.equal((await list("agent@acme.test")).status, 200);

    // Signed out: 401, whatever the route.
    assert.equal((await callRoute(handler(listRoute.GET), { method: "GET", path: `/api/v1/admin/saved-replies?company_id=${company("acme")}` })).status, 401);
    assert.equal((await onReply("DELETE", undefined, reply.id)).status, 401);
  });

  it("another business's reply id, or a business the caller is not in, answers exactly like a missing one, and changes nothing", async () => {
    const acmeReply = await created("owner@acme.test", { title: "Acme secret", shortcut: "acme-secret", body: "Only for Acme." });
    const globexReply = await created("owner@globex.test", { title: "Globex welcome", shortcut: "welcome", body: "Welcome to Globex." }, company("globex"));

    const missingReply = await onReply("GET", "owner@globex.test", MISSING, { companyId: company("globex") });
    assert.deepEqual(missingReply, { status: 404, body: { error: { code: "not_found", message: "Saved reply not found." } } });
    for (const id of [acmeReply.id, MISSING, "not-a-uuid'; DROP TABLE"]) {
      assert.deepEqual(await onReply("GET", "owner@globex.test", id, { companyId: company("globex") }), missingReply, `GET ${id}`);
      assert.deepEqual(await onReply("PATCH", "owner@globex.test", id, { companyId: company("globex"), body: { title: "Taken over" } }), missingReply, `PATCH ${id}`);
      assert.deepEqual(await onReply("DELETE", "owner@globex.test", id, { companyId: company("globex") }), missingReply, `DELETE ${id}`);
    }

    // Naming Acme while not a member of it: the same as a business that does not exist.
    const missingBusiness = await list("owner@globex.test", MISSING);
    assert.deepEqual(missingBusiness, { status: 404, body: { error: { code: "not_found", message: "Business not found." } } });
    assert.deepEqual(await list("owner@globex.test", company("acme")), missingBusiness);
    assert.deepEqual(await create("owner@globex.test", { title: "Planted", shortcut: "planted", body: "x" }, company("acme")), missingBusiness);
    assert.deepEqual(await onReply("GET", "owner@globex.test", acmeReply.id, { companyId: company("acme") }), missingBusiness);
    assert.deepEqual(await onReply("DELETE", "owner@globex.test", acmeReply.id, { companyId: company("acme") }), missingBusiness);

    // A member of both sees each business's own list under its company_id.
    const shortcutsOf = async (slug: "acme" | "globex") => ((await list("manager@both.test", company(slug))).body as SavedReplyListWire).saved_replies.map((r) => r.id);
    assert.ok((await shortcutsOf("acme")).includes(acmeReply.id) && !(await shortcutsOf("acme")).includes(globexReply.id));
    assert.ok((await shortcutsOf("globex")).includes(globexReply.id) && !(await shortcutsOf("globex")).includes(acmeReply.id));
    // …and cannot reach one business's reply through the other's company_id either.
    assert.deepEqual(await onReply("GET", "manager@both.test", acmeReply.id, { companyId: company("globex") }), missingReply);

    assert.deepEqual(await stored(acmeReply.id), { businessId: company("acme"), title: "Acme secret", shortcut: "acme-secret", body: "Only for Acme.", createdByUserId: ids["owner@acme.test"] });
    assert.deepEqual(
      (await audits(acmeReply.id)).map((a) => a.action),
      ["saved_reply.created"],
    );
    assert.equal(await db().savedReply.count({ where: { shortcut: "planted" } }), 0);
  });

  it("a shortcut is one per business, whatever its case: 409 on create and on edit, naming the field; another business may reuse it", async () => {
    const first = await created("owner@acme.test", { title: "Thanks", shortcut: "thanks", body: "Thanks for waiting!" });
    const second = await created("owner@acme.test", { title: "Thanks again", shortcut: "thanks-2", body: "Thanks again!" });
    const conflict = {
      status: 409,
      body: { error: { code: "conflict", message: "Another saved reply already uses the shortcut /thanks.", fields: { shortcut: ["already used by another saved reply"] } } },
    };
    assert.deepEqual(await create("manager@both.test", { title: "Duplicate", shortcut: "THANKS", body: "Dup" }), conflict);
    assert.deepEqual(await onReply("PATCH", "owner@acme.test", second.id, { body: { shortcut: "/Thanks" } }), conflict);
    assert.equal((await stored(second.id))?.shortcut, "thanks-2");
    assert.equal(await db().savedReply.count({ where: { businessId: company("acme"), shortcut: "thanks" } }), 1);
    assert.deepEqual(
      (await audits(second.id)).map((a) => a.action),
      ["saved_reply.created"],
      "a refused edit leaves no audit row",
    );
    // Keeping its own shortcut is no conflict.
    assert.equal((await onReply("PATCH", "owner@acme.test", first.id, { body: { shortcut: "thanks", title: "Thanks!" } })).status, 200);
    await created("owner@globex.test", { title: "Thanks", shortcut: "thanks", body: "Globex thanks you." }, company("globex"));
  });

  it("refuses bad bodies with validation_error naming the fields, oversized ones with 413, and stores nothing", async () => {
    const before = await db().savedReply.count();
    const cases: [string, unknown, Record<string, string[]>][] = [
      [
        "nothing",
        {},
        {
          title: ["Invalid input: expected string, received undefined"],
          shortcut: ["Invalid input: expected string, received undefined"],
          body: ["Invalid input: expected string, received undefined"],
        },
      ],
      ["blank title and body", { title: " ", shortcut: "ok", body: "\n" }, { title: ["title must not be empty"], body: ["body must not be empty"] }],
      ["title too long", { title: "x".repeat(81), shortcut: "ok", body: "B" }, { title: ["title must be at most 80 characters"] }],
      ["body too long", { title: "T", shortcut: "ok", body: "x".repeat(4001) }, { body: ["body must be at most 4000 characters"] }],
      ["shortcut with a space", { title: "T", shortcut: "two words", body: "B" }, { shortcut: ["shortcut must be 1–32 characters: letters, digits, - and _, starting with a letter or digit"] }],
      ["shortcut too long", { title: "T", shortcut: "x".repeat(33), body: "B" }, { shortcut: ["shortcut must be 1–32 characters: letters, digits, - and _, starting with a letter or digit"] }],
      ["NUL in the body", { title: "T", shortcut: "ok", body: "a\u0000b" }, { body: ["must not contain NUL characters or unpaired UTF-16 surrogates"] }],
      ["an unknown key", { title: "T", shortcut: "ok", body: "B", business_id: company("globex") }, { _: ['Unrecognized key: "business_id"'] }],
    ];
    for (const [what, body, fields] of cases) {
      const answer = await create("owner@acme.test", body);
      assert.equal(answer.status, 400, what);
      assert.equal((answer.body as { error: { code: string } }).error.code, "validation_error", what);
      assert.deepEqual(fieldsOf(answer), fields, what);
    }
    const reply = await created("owner@acme.test", { title: "Valid", shortcut: "valid", body: "Valid." });
    assert.deepEqual(fieldsOf(await onReply("PATCH", "owner@acme.test", reply.id, { body: {} })), { _: ["send title, shortcut, body or any of them"] });
    assert.deepEqual(fieldsOf(await onReply("PATCH", "owner@acme.test", reply.id, { body: { shortcut: "-bad" } })), {
      shortcut: ["shortcut must be 1–32 characters: letters, digits, - and _, starting with a letter or digit"],
    });
    assert.equal((await create("owner@acme.test", { title: "T", shortcut: "big", body: "x".repeat(40_000) })).status, 413);
    assert.equal((await onReply("PATCH", "owner@acme.test", reply.id, { body: { body: "x".repeat(40_000) } })).status, 413);
    assert.equal(await db().savedReply.count(), before + 1);
    assert.deepEqual(await stored(reply.id), { businessId: company("acme"), title: "Valid", shortcut: "valid", body: "Valid.", createdByUserId: ids["owner@acme.test"] });
  });

  it("opens the settings page's first paint for owners and admins only; a foreign business is missing", async () => {
    const owner = await loadSavedRepliesPage(db(), ids["owner@acme.test"]);
    assert.ok(owner?.access === "granted");
    assert.equal(owner.business.id, company("acme"));
    assert.deepEqual(owner.replies, ((await list("owner@acme.test")).body as SavedReplyListWire).saved_replies);

    const manager = await loadSavedRepliesPage(db(), ids["manager@both.test"], company("globex"));
    assert.ok(manager?.access === "granted");
    assert.equal(manager.business.id, company("globex"));
    assert.ok(manager.replies.every((r) => r.shortcut !== "acme-secret"));

    assert.deepEqual(await loadSavedRepliesPage(db(), ids["agent@acme.test"], company("acme")), { access: "denied", businessName: "Acme Support" });
    assert.equal(await loadSavedRepliesPage(db(), ids["owner@globex.test"], company("acme")), null);
    assert.equal(await loadSavedRepliesPage(db(), ids["owner@globex.test"], "not-a-uuid"), null);
  });
});
