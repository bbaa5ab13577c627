import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as businessRoute from "../../app/api/v1/admin/business/route";
import * as businessesRoute from "../../app/api/v1/admin/businesses/route";
import { findPublicBusiness } from "../../lib/chat/public-business.server";
import { DEFAULT_BRAND_COLOR, DEFAULT_CAPACITY, type BusinessSettingsWire, type BusinessSummaryWire } from "../../lib/contract/businesses";
import { canCreateBusinesses, createBusinessForOwner, listBusinessSummaries, loadBusinessSettings, updateBusinessProfile, withSlugOrFormerSlug } from "../../lib/tenancy/businesses.server";
import { systemScope } from "../../lib/tenancy/memberships.server";
import { AppError } from "../../lib/errors/app-error";
import { sessionTokenFor } from "../support/auth-tokens";
import { eventually } from "../support/eventually";
import { chatApi, newAgent, startChat, withoutDemoAssistants } from "../support/live-chat";
import { callRoute, useStaffRoutes, type RouteHandler } from "../support/staff-routes";
import { useTestStack } from "../support/test-stack";

interface ErrorReply {
  error: { code: string; message: string; fields?: Record<string, string[]> };
}

const handler = (route: unknown) => route as RouteHandler;
const errorOf = (body: unknown) => (body as ErrorReply).error;

describe("business settings: profile, look, routing, slugs; creating businesses", () => {
  const stack = useTestStack();
  withoutDemoAssistants(stack);
  useStaffRoutes(stack);
  const db = () => stack.database.db;
  /** What the public chat page shows of a business, less its desk (tests/integration/business-hours.test.ts covers that). */
  const publicLook = async (slug: string) => {
    const business = await findPublicBusiness(db(), slug);
    if (!business) return null;
    const { desk: _desk, ...look } = business;
    return look;
  };
  const tokens: Record<string, string> = {};
  const users: Record<string, string> = {};

  before(async () => {
    for (const email of ["owner@acme.test", "agent@acme.test", "owner@globex.test", "manager@both.test"]) tokens[email] = await sessionTokenFor(db(), email);
    for (const u of await db().user.findMany({ select: { id: true, email: true } })) users[u.email] = u.id;
  });

  const getBusiness = (email: string, companyId: string) =>
    callRoute(handler(businessRoute.GET), { method: "GET", path: `/api/v1/admin/business?company_id=${encodeURIComponent(companyId)}`, token: tokens[email] });
  const patchBusiness = (email: string, companyId: string, body: unknown) =>
    callRoute(handler(businessRoute.PATCH), { method: "PATCH", path: `/api/v1/admin/business?company_id=${encodeURIComponent(companyId)}`, token: tokens[email], body });
  const listBusinesses = (email: string) => callRoute(handler(businessesRoute.GET), { method: "GET", path: "/api/v1/admin/businesses", token: tokens[email] });
  const createBusiness = (email: string, body: unknown) => callRoute(handler(businessesRoute.POST), { method: "POST", path: "/api/v1/admin/businesses", token: tokens[email], body });

  /** Everything a settings change could touch, to compare before and after a refused one. */
  const businessState = async (businessId: string) => ({
    row: await db().business.findUniqueOrThrow({ where: { id: businessId }, select: { slug: true, name: true, legalName: true, timezone: true, currency: true, settings: true } }),
    aliases: (await db().businessSlugAlias.findMany({ where: { businessId }, select: { slug: true }, orderBy: { slug: "asc" } })).map((a) => a.slug),
    audits: await db().auditLog.count({ where: { businessId, action: "business.settings_updated" } }),
  });

  it("refuses every business route without a session", async () => {
    const path = `/api/v1/admin/business?company_id=${stack.ids.acme}`;
    const calls = [
      callRoute(handler(businessRoute.GET), { method: "GET", path }),
      callRoute(handler(businessRoute.PATCH), { method: "PATCH", path, body: { name: "Taken over" } }),
      callRoute(handler(businessesRoute.GET), { method: "GET", path: "/api/v1/admin/businesses" }),
      callRoute(handler(businessesRoute.POST), { method: "POST", path: "/api/v1/admin/businesses", body: { name: "Sneaky", timezone: "UTC", currency: "USD" } }),
    ];
    for (const answer of await Promise.all(calls)) {
      assert.equal(answer.status, 401);
      assert.equal(errorOf(answer.body).code, "unauthorized");
    }
    assert.equal((await db().business.findUniqueOrThrow({ where: { id: stack.ids.acme } })).name, "Acme Support");
    assert.equal(await db().business.count({ where: { name: "Sneaky" } }), 0);
  });

  it("shows an owner the business's settings on the wire; an agent gets 403; a foreign, unknown or malformed id the same 404", async () => {
    const owner = await getBusiness("owner@acme.test", stack.ids.acme);
    assert.equal(owner.status, 200);
    assert.deepEqual(owner.body, {
      id: stack.ids.acme,
      slug: "acme",
      name: "Acme Support",
      legal_name: "Acme Support Ltd.",
      timezone: "UTC",
      currency: "USD",
      brand_color: DEFAULT_BRAND_COLOR,
      logo_url: null,
      routing: "manual",
      default_capacity: DEFAULT_CAPACITY,
      assistant_enabled: false,
      allowed_origins: [],
      previous_slugs: [],
      is_demo: true,
    } satisfies BusinessSettingsWire);
    assert.deepEqual(await loadBusinessSettings(db(), systemScope(stack.ids.acme, "tooling")), owner.body);

    // An admin of both sees Globex's (auto routing).
    const admin = await getBusiness("manager@both.test", stack.ids.globex);
    assert.equal(admin.status, 200);
    assert.equal((admin.body as BusinessSettingsWire).slug, "globex");
    assert.equal((admin.body as BusinessSettingsWire).routing, "auto");

    const agent = await getBusiness("agent@acme.test", stack.ids.acme);
    assert.equal(agent.status, 403);
    assert.equal(errorOf(agent.body).code, "forbidden");

    const missing = [stack.ids.globex, "00000000-0000-4000-8000-000000000000", 'acme\'; DROP TABLE "Business"; --'];
    const answers = await Promise.all(missing.map((companyId) => getBusiness("owner@acme.test", companyId)));
    for (const answer of answers) assert.equal(answer.status, 404);
    assert.deepEqual(answers[1].body, answers[0].body);
    assert.deepEqual(answers[2].body, answers[0].body);
    assert.equal(errorOf(answers[0].body).code, "not_found");
  });

  it("applies a profile, look and routing patch, keeps the other settings keys, and audit-logs it", async () => {
    const patch = {
      name: "Globex Energy",
      legal_name: "Globex Energy GmbH",
      timezone: "Europe/Berlin",
      currency: "chf",
      brand_color: "#FF5500",
      logo_url: "https://cdn.example.test/globex.png",
      routing: "manual",
      default_capacity: 5,
    };
    const answer = await patchBusiness("owner@globex.test", stack.ids.globex, patch);
    assert.equal(answer.status, 200);
    const expected: BusinessSettingsWire = {
      id: stack.ids.globex,
      slug: "globex",
      name: "Globex Energy",
      legal_name: "Globex Energy GmbH",
      timezone: "Europe/Berlin",
      currency: "CHF",
      brand_color: "#ff5500",
      logo_url: "https://cdn.example.test/globex.png",
      routing: "manual",
      default_capacity: 5,
      assistant_enabled: false,
      allowed_origins: [],
      previous_slugs: [],
      is_demo: true,
    };
    assert.deepEqual(answer.body, expected);
    assert.deepEqual((await getBusiness("owner@globex.test", stack.ids.globex)).body, expected);

    const row = await db().business.findUniqueOrThrow({ where: { id: stack.ids.globex }, select: { name: true, legalName: true, timezone: true, currency: true, settings: true } });
    assert.deepEqual(row, {
      name: "Globex Energy",
      legalName: "Globex Energy GmbH",
      timezone: "Europe/Berlin",
      currency: "CHF",
      // The keys the patch did not name (the assistant switch, the demo label) are still there.
      settings: { routing: "manual", assistantEnabled: false, demo: true, brandColor: "#ff5500", logoUrl: "https://cdn.example.test/globex.png", defaultCapacity: 5 },
    });

    const audits = await db().auditLog.findMany({ where: { businessId: stack.ids.globex, action: "business.settings_updated" }, select: { actorUserId: true, target: true, meta: true } });
    assert.deepEqual(audits, [{ actorUserId: users["owner@globex.test"], target: stack.ids.globex, meta: { ...patch, currency: "CHF", brand_color: "#ff5500" } }]);

    // The public chat page gets the look.
    assert.deepEqual(await publicLook("globex"), { slug: "globex", name: "Globex Energy", brandColor: "#ff5500", logoUrl: "https://cdn.example.test/globex.png" });

    // The logo can be removed again; nothing else moves.
    const cleared = await patchBusiness("manager@both.test", stack.ids.globex, { logo_url: null });
    assert.equal(cleared.status, 200);
    assert.deepEqual(cleared.body, { ...expected, logo_url: null });
    assert.deepEqual(await publicLook("globex"), { slug: "globex", name: "Globex Energy", brandColor: "#ff5500", logoUrl: null });
    assert.equal(await db().auditLog.count({ where: { businessId: stack.ids.globex, action: "business.settings_updated", actorUserId: users["manager@both.test"] } }), 1);
  });

  it("refuses invalid settings with the fields at fault and changes nothing", async () => {
    const before = await businessState(stack.ids.globex);
    const cases: [unknown, string[]][] = [
      [{ timezone: "Mars/Base" }, ["timezone"]],
      [{ currency: "XXY" }, ["currency"]],
      [{ currency: "EURO" }, ["currency"]],
      [{ brand_color: "red" }, ["brand_color"]],
      [{ logo_url: "http://cdn.example.test/logo.png" }, ["logo_url"]],
      [{ logo_url: "javascript:alert(1)" }, ["logo_url"]],
      [{ slug: "-bad-" }, ["slug"]],
      [{ slug: "a" }, ["slug"]],
      [{ slug: "has space" }, ["slug"]],
      [{ routing: "round-robin" }, ["routing"]],
      [{ default_capacity: 0 }, ["default_capacity"]],
      [{ default_capacity: 2.5 }, ["default_capacity"]],
      [{ name: "   " }, ["name"]],
      [{}, ["_"]],
      [{ name: "Globex Taken Over", settings: { demo: false } }, ["_"]],
      // A valid field next to an invalid one is not applied either.
      [{ name: "Half Applied", currency: "XXY" }, ["currency"]],
    ];
    for (const [body, fields] of cases) {
      const answer = await patchBusiness("owner@globex.test", stack.ids.globex, body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(errorOf(answer.body).code, "validation_error");
      assert.deepEqual(Object.keys(errorOf(answer.body).fields ?? {}).sort(), fields, JSON.stringify(body));
    }
    const notJson = await callRoute(handler(businessRoute.PATCH), {
      method: "PATCH",
      path: `/api/v1/admin/business?company_id=${stack.ids.globex}`,
      token: tokens["owner@globex.test"],
      rawBody: "{name:",
    });
    assert.equal(notJson.status, 400);

    // Not allowed to, or not theirs: refused before anything is read from the body.
    const agent = await patchBusiness("agent@acme.test", stack.ids.acme, { name: "Agent's Shop" });
    assert.equal(agent.status, 403);
    const foreign = await patchBusiness("owner@acme.test", stack.ids.globex, { name: "Acme's Now" });
    assert.equal(foreign.status, 404);

    assert.deepEqual(await businessState(stack.ids.globex), before);
    assert.equal((await db().business.findUniqueOrThrow({ where: { id: stack.ids.acme } })).name, "Acme Support");
  });

  it("writes the change and its audit row in one transaction: when the audit row fails, nothing is changed", async () => {
    const before = await businessState(stack.ids.globex);
    await db().$executeRawUnsafe(`
      CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.action = 'business.settings_updated' AND NEW.meta->>'legal_name' = 'Unauditable Ltd.' THEN RAISE EXCEPTION 'audit refused'; END IF;
        RETURN NEW;
      END $$`);
    await db().$executeRawUnsafe(`CREATE TRIGGER test_refuse_audit BEFORE INSERT ON "AuditLog" FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()`);
    try {
      const answer = await patchBusiness("owner@globex.test", stack.ids.globex, { legal_name: "Unauditable Ltd.", slug: "globex-unaudited", brand_color: "#000000", routing: "auto" });
      assert.equal(answer.status, 500);
      assert.equal(errorOf(answer.body).code, "internal_error");
    } finally {
      await db().$executeRawUnsafe(`DROP TRIGGER test_refuse_audit ON "AuditLog"`);
      await db().$executeRawUnsafe(`DROP FUNCTION test_refuse_audit()`);
    }
    assert.deepEqual(await businessState(stack.ids.globex), before);
    assert.equal(await publicLook("globex-unaudited"), null);
  });

  it("moves a business to a new slug: the old one becomes an alias that still leads there, and no other business may take either", async () => {
    const renamed = await patchBusiness("owner@acme.test", stack.ids.acme, { slug: "Acme-Help" });
    assert.equal(renamed.status, 200);
    assert.equal((renamed.body as BusinessSettingsWire).slug, "acme-help");
    assert.deepEqual((renamed.body as BusinessSettingsWire).previous_slugs, ["acme"]);
    assert.equal((await db().business.findUniqueOrThrow({ where: { id: stack.ids.acme } })).slug, "acme-help");

    // Old links: the public page resolves to the current slug, and chats still start in Acme.
    const publicAcme = { slug: "acme-help", name: "Acme Support", brandColor: DEFAULT_BRAND_COLOR, logoUrl: null };
    assert.deepEqual(await publicLook("acme"), publicAcme);
    assert.deepEqual(await publicLook("acme-help"), publicAcme);
    assert.equal(await publicLook("acme-helpdesk"), null);
    assert.deepEqual(
      (await db().business.findMany({ where: withSlugOrFormerSlug("acme"), select: { id: true } })).map((b) => b.id),
      [stack.ids.acme],
    );
    for (const slug of ["acme", "acme-help"]) {
      const chat = await startChat(stack, slug, { customer: { name: "Old Link" }, message: `via ${slug}` });
      const session = await db().chatSession.findUniqueOrThrow({ where: { id: chat.session_id }, select: { businessId: true, status: true } });
      assert.deepEqual(session, { businessId: stack.ids.acme, status: "WAITING" });
    }
    const unknown = await chatApi(stack, "POST", "/api/v1/chat/init", { body: { business: "acme-helpdesk" } });
    assert.equal(unknown.status, 404);

    // Neither slug is free for Globex, by rename or by a new business.
    const globexBefore = await businessState(stack.ids.globex);
    for (const slug of ["acme", "acme-help"]) {
      const taken = await patchBusiness("owner@globex.test", stack.ids.globex, { slug });
      assert.equal(taken.status, 409, slug);
      assert.equal(errorOf(taken.body).code, "slug_taken");
      assert.deepEqual(errorOf(taken.body).fields, { slug: ["already used by another business"] });
      const created = await createBusiness("owner@globex.test", { name: "Acme Lookalike", slug, timezone: "UTC", currency: "USD" });
      assert.equal(created.status, 409, slug);
      assert.equal(errorOf(created.body).code, "slug_taken");
    }
    assert.deepEqual(await businessState(stack.ids.globex), globexBefore);
    assert.equal(await db().business.count({ where: { name: "Acme Lookalike" } }), 0);

    // Setting the slug it already has changes no alias.
    const same = await patchBusiness("owner@acme.test", stack.ids.acme, { slug: "acme-help" });
    assert.equal(same.status, 200);
    assert.deepEqual((same.body as BusinessSettingsWire).previous_slugs, ["acme"]);

    // Back to the old slug: it stops being an alias, the one in between becomes one.
    const back = await patchBusiness("owner@acme.test", stack.ids.acme, { slug: "acme" });
    assert.equal(back.status, 200);
    assert.equal((back.body as BusinessSettingsWire).slug, "acme");
    assert.deepEqual((back.body as BusinessSettingsWire).previous_slugs, ["acme-help"]);
    assert.deepEqual(
      (await db().businessSlugAlias.findMany({ where: { businessId: stack.ids.acme }, select: { slug: true } })).map((a) => a.slug),
      ["acme-help"],
    );
    assert.deepEqual(await publicLook("acme-help"), { ...publicAcme, slug: "acme" });
    const stillTaken = await patchBusiness("owner@globex.test", stack.ids.globex, { slug: "acme-help" });
    assert.equal(stillTaken.status, 409);

    const slugAudits = await db().auditLog.findMany({ where: { businessId: stack.ids.acme, action: "business.settings_updated" }, orderBy: { createdAt: "asc" }, select: { meta: true } });
    assert.deepEqual(
      slugAudits.map((a) => a.meta),
      [{ slug: "acme-help" }, { slug: "acme-help" }, { slug: "acme" }],
    );
  });

  it("switching to auto routing assigns a chat that waits at once", async () => {
    const helper = await newAgent(stack, "acme", { status: "ONLINE", capacity: 50 });
    const chat = await startChat(stack, "acme", { customer: { name: "Waiting Customer" }, message: "Is anyone there?" });
    assert.equal(chat.status, "WAITING");
    const waiting = await db().chatSession.findUniqueOrThrow({ where: { id: chat.session_id }, select: { status: true, assignedAgentId: true } });
    assert.deepEqual(waiting, { status: "WAITING", assignedAgentId: null });

    const answer = await patchBusiness("owner@acme.test", stack.ids.acme, { routing: "auto" });
    assert.equal(answer.status, 200);
    assert.equal((answer.body as BusinessSettingsWire).routing, "auto");

    await eventually(
      async () => (await db().chatSession.findUniqueOrThrow({ where: { id: chat.session_id }, select: { status: true } })).status === "ACTIVE",
      5_000,
      "the waiting chat to be assigned",
    );
    const assigned = await db().chatSession.findUniqueOrThrow({ where: { id: chat.session_id }, select: { assignedAgent: { select: { id: true, businessId: true, kind: true, status: true } } } });
    assert.equal(assigned.assignedAgent?.businessId, stack.ids.acme);
    assert.equal(assigned.assignedAgent?.kind, "HUMAN");
    assert.equal(assigned.assignedAgent?.status, "ONLINE");
    // The helper had the most free slots, so it took the first chat it could.
    assert.equal((await db().chatSession.count({ where: { assignedAgentId: helper.agentId, status: "ACTIVE" } })) > 0, true);
    const audit = await db().auditLog.findFirst({ where: { target: chat.session_id, action: "session.assigned" }, select: { meta: true } });
    assert.equal((audit?.meta as { routing?: string } | undefined)?.routing, "auto");
  });

  it("lets an owner create a business: they own it, are its agent, see it in their list; audit-logged", async () => {
    const owner = users["owner@acme.test"];
    const answer = await createBusiness("owner@acme.test", { name: "Acme Outlet Störe", timezone: "Europe/Paris", currency: "eur" });
    assert.equal(answer.status, 201);
    const business = answer.body as BusinessSettingsWire;
    assert.deepEqual(business, {
      id: business.id,
      slug: "acme-outlet-store",
      name: "Acme Outlet Störe",
      legal_name: "Acme Outlet Störe",
      timezone: "Europe/Paris",
      currency: "EUR",
      brand_color: DEFAULT_BRAND_COLOR,
      logo_url: null,
      routing: "manual",
      default_capacity: DEFAULT_CAPACITY,
      assistant_enabled: true,
      allowed_origins: [],
      previous_slugs: [],
      is_demo: false,
    } satisfies BusinessSettingsWire);

    assert.deepEqual(await db().membership.findMany({ where: { businessId: business.id }, select: { userId: true, role: true } }), [{ userId: owner, role: "OWNER" }]);
    assert.deepEqual(await db().agent.findMany({ where: { businessId: business.id }, select: { userId: true, kind: true, displayName: true, capacity: true } }), [
      { userId: owner, kind: "HUMAN", displayName: "Olivia Park", capacity: DEFAULT_CAPACITY },
    ]);
    assert.deepEqual(await db().auditLog.findMany({ where: { businessId: business.id }, select: { actorUserId: true, action: true, target: true, meta: true } }), [
      { actorUserId: owner, action: "business.created", target: business.id, meta: { slug: "acme-outlet-store", name: "Acme Outlet Störe" } },
    ]);

    const list = await listBusinesses("owner@acme.test");
    assert.equal(list.status, 200);
    assert.deepEqual(list.body, {
      businesses: [
        { id: stack.ids.acme, slug: "acme", name: "Acme Support", role: "OWNER", is_demo: true },
        { id: business.id, slug: "acme-outlet-store", name: "Acme Outlet Störe", role: "OWNER", is_demo: false },
      ] satisfies BusinessSummaryWire[],
    });
    // Its settings are the owner's to read, and nobody else's.
    assert.deepEqual((await getBusiness("owner@acme.test", business.id)).body, business);
    assert.equal((await getBusiness("manager@both.test", business.id)).status, 404);
    assert.deepEqual(
      (await listBusinessSummaries(db(), users["manager@both.test"])).map((b) => [b.slug, b.role]),
      [
        ["acme", "ADMIN"],
        ["globex", "ADMIN"],
      ],
    );

    // With an explicit slug and legal name.
    const named = await createBusiness("owner@globex.test", { name: "Globex Labs", slug: "gx-labs", legal_name: "Globex Labs AG", timezone: "UTC", currency: "USD" });
    assert.equal(named.status, 201);
    assert.equal((named.body as BusinessSettingsWire).slug, "gx-labs");
    assert.equal((named.body as BusinessSettingsWire).legal_name, "Globex Labs AG");
  });

  it("refuses to create a business for a non-owner, a taken slug or an invalid body, creating nothing", async () => {
    const count = await db().business.count();
    assert.equal(await canCreateBusinesses(db(), users["agent@acme.test"]), false);
    assert.equal(await canCreateBusinesses(db(), users["manager@both.test"]), false);
    assert.equal(await canCreateBusinesses(db(), users["owner@globex.test"]), true);
    for (const email of ["agent@acme.test", "manager@both.test"]) {
      const answer = await createBusiness(email, { name: `Not Allowed ${email}`, slug: `not-allowed-${email.split("@")[0]}`, timezone: "UTC", currency: "USD" });
      assert.equal(answer.status, 403, email);
      assert.equal(errorOf(answer.body).code, "forbidden");
    }
    await assert.rejects(
      createBusinessForOwner(db(), users["agent@acme.test"], { name: "Direct", timezone: "UTC", currency: "USD" }),
      (error) => error instanceof AppError && error.code === "forbidden",
    );

    const taken = await createBusiness("owner@acme.test", { name: "Another Globex", slug: "globex", timezone: "UTC", currency: "USD" });
    assert.equal(taken.status, 409);
    assert.deepEqual(errorOf(taken.body).fields, { slug: ["already used by another business"] });
    // The name alone gives a slug that is taken, too.
    const byName = await createBusiness("owner@acme.test", { name: "Globex", timezone: "UTC", currency: "USD" });
    assert.equal(byName.status, 409);

    const invalid: [unknown, string[]][] = [
      [{ name: "No Zone", currency: "USD" }, ["timezone"]],
      [{ name: "Bad Money", timezone: "UTC", currency: "XXY" }, ["currency"]],
      [{ name: "Bad Slug", slug: "-bad-", timezone: "UTC", currency: "USD" }, ["slug"]],
      [{ name: "Extra", timezone: "UTC", currency: "USD", settings: { demo: true } }, ["_"]],
      // No usable slug can be made from this name.
      [{ name: "!!!", timezone: "UTC", currency: "USD" }, ["slug"]],
    ];
    for (const [body, fields] of invalid) {
      const answer = await createBusiness("owner@acme.test", body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.deepEqual(Object.keys(errorOf(answer.body).fields ?? {}).sort(), fields, JSON.stringify(body));
    }
    assert.equal(await db().business.count(), count);
  });

  it("lets exactly one of two simultaneous creations with the same slug through, leaving nothing of the other", async () => {
    const answers = await Promise.all([
      createBusiness("owner@acme.test", { name: "Race Acme", slug: "race-slug", timezone: "UTC", currency: "USD" }),
      createBusiness("owner@globex.test", { name: "Race Globex", slug: "race-slug", timezone: "UTC", currency: "USD" }),
    ]);
    assert.deepEqual(answers.map((a) => a.status).sort(), [201, 409]);
    const loser = answers.find((a) => a.status === 409)!;
    assert.equal(errorOf(loser.body).code, "slug_taken");
    const winner = answers.find((a) => a.status === 201)!.body as BusinessSettingsWire;
    const rows = await db().business.findMany({ where: { name: { in: ["Race Acme", "Race Globex"] } }, select: { id: true, slug: true } });
    assert.deepEqual(rows, [{ id: winner.id, slug: "race-slug" }]);
    assert.equal(await db().auditLog.count({ where: { action: "business.created", meta: { path: ["slug"], equals: "race-slug" } } }), 1);
  });

  it("lets exactly one of two simultaneous renames to the same slug through; the other keeps its slug and gets no alias", async () => {
    const [acmeBefore, globexBefore] = await Promise.all([businessState(stack.ids.acme), businessState(stack.ids.globex)]);
    const answers = await Promise.all([
      updateBusinessProfile(db(), systemScope(stack.ids.acme, "tooling"), users["owner@acme.test"], { slug: "contested", name: "Acme Contested" }).then(
        () => "acme",
        (error: unknown) => error,
      ),
      updateBusinessProfile(db(), systemScope(stack.ids.globex, "tooling"), users["owner@globex.test"], { slug: "contested", name: "Globex Contested" }).then(
        () => "globex",
        (error: unknown) => error,
      ),
    ]);
    const winners = answers.filter((a) => typeof a === "string");
    const losers = answers.filter((a) => typeof a !== "string");
    assert.equal(winners.length, 1);
    assert.equal(losers.length, 1);
    assert.ok(losers[0] instanceof AppError && losers[0].code === "slug_taken", String(losers[0]));
    const [winnerId, loserId, loserBefore, winnerOldSlug] =
      winners[0] === "acme" ? [stack.ids.acme, stack.ids.globex, globexBefore, acmeBefore.row.slug] : [stack.ids.globex, stack.ids.acme, acmeBefore, globexBefore.row.slug];
    assert.deepEqual(await businessState(loserId), loserBefore);
    const winner = await loadBusinessSettings(db(), systemScope(winnerId, "tooling"));
    assert.equal(winner.slug, "contested");
    assert.equal(winner.previous_slugs[0], winnerOldSlug);
  });
});
