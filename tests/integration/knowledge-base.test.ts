import assert from "node:assert/strict";
import { systemScope } from "../../lib/tenancy/memberships.server";
import { after, before, describe, it } from "node:test";
import { AppError } from "../../lib/errors/app-error";
import { parseInput } from "../../lib/errors/parse-input";
import { createArticle, deleteArticle, findPublicArticle, getArticle, listArticles, loadAssistantSettings, setAssistantEnabled, updateArticle } from "../../lib/knowledge/articles.server";
import { articleBody, articleUpdateBody, assistantSettingsBody, ARTICLE_BODY_MAX_LENGTH } from "../../lib/contract/knowledge";
import { loadKnowledgePage } from "../../lib/knowledge/knowledge-page.server";
import { eventually } from "../support/eventually";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

describe("knowledge base", () => {
  let database: TestDatabase;
  const ids: Record<string, string> = {};
  const acme = () => systemScope(ids.acme, "tooling");
  const globex = () => systemScope(ids.globex, "tooling");

  before(async () => {
    database = await createTestDatabase();
    for (const b of await database.db.business.findMany({ select: { id: true, slug: true } })) ids[b.slug] = b.id;
    for (const u of await database.db.user.findMany({ select: { id: true, email: true } })) ids[u.email] = u.id;
  });
  after(() => database.drop());

  const isArticleNotFound = (error: unknown) => error instanceof AppError && error.code === "not_found" && error.message === "Knowledge article not found.";
  const auditRows = (target: string) => database.db.auditLog.findMany({ where: { target }, orderBy: { createdAt: "asc" }, select: { businessId: true, actorUserId: true, action: true, meta: true } });

  it("lists only the scope's own articles, ordered by title", async () => {
    const acmeTitles = (await listArticles(database.db, acme())).map((a) => a.title);
    const globexTitles = (await listArticles(database.db, globex())).map((a) => a.title);
    assert.ok(acmeTitles.length > 0 && globexTitles.length > 0);
    assert.deepEqual(
      acmeTitles,
      [...acmeTitles].sort((a, b) => a.localeCompare(b)),
    );
    const acmeRows = await database.db.knowledgeArticle.findMany({ where: { businessId: ids.acme }, select: { title: true } });
    assert.deepEqual([...acmeTitles].sort(), acmeRows.map((r) => r.title).sort());
    assert.ok(!acmeTitles.some((title) => globexTitles.includes(title)));
  });

  it("creates, updates and deletes an article, each with its audit row", async () => {
    const actor = ids["owner@acme.test"];
    const created = await createArticle(database.db, acme(), actor, { title: "Gift cards", body: "Gift cards never expire.\n\nThey work online only." });
    assert.equal(created.title, "Gift cards");
    assert.deepEqual(await getArticle(database.db, acme(), created.id), created);

    const updated = await updateArticle(database.db, acme(), actor, created.id, { body: "Gift cards never expire." });
    assert.equal(updated.title, "Gift cards");
    assert.equal(updated.body, "Gift cards never expire.");
    assert.ok(updated.updated_at >= created.updated_at);

    await deleteArticle(database.db, acme(), actor, created.id);
    await assert.rejects(getArticle(database.db, acme(), created.id), isArticleNotFound);

    assert.deepEqual(await auditRows(created.id), [
      { businessId: ids.acme, actorUserId: actor, action: "knowledge.article_created", meta: { title: "Gift cards" } },
      { businessId: ids.acme, actorUserId: actor, action: "knowledge.article_updated", meta: { title: "Gift cards" } },
      { businessId: ids.acme, actorUserId: actor, action: "knowledge.article_deleted", meta: { title: "Gift cards" } },
    ]);
  });

  it("answers a Globex article through an Acme scope exactly like a missing or malformed id, and changes nothing", async () => {
    const [globexArticle] = await listArticles(database.db, globex());
    const actor = ids["owner@acme.test"];
    for (const articleId of [globexArticle.id, "00000000-0000-4000-8000-000000000000", "not-a-uuid'; DROP TABLE"]) {
      await assert.rejects(getArticle(database.db, acme(), articleId), isArticleNotFound);
      await assert.rejects(updateArticle(database.db, acme(), actor, articleId, { title: "Taken over" }), isArticleNotFound);
      await assert.rejects(deleteArticle(database.db, acme(), actor, articleId), isArticleNotFound);
    }
    assert.deepEqual(await getArticle(database.db, globex(), globexArticle.id), globexArticle);
    assert.deepEqual(await auditRows(globexArticle.id), []);
  });

  it("finds an article for its public page only under its own business's slug", async () => {
    const [article] = await listArticles(database.db, acme());
    assert.deepEqual(await findPublicArticle(database.db, "acme", article.id), { businessName: "Acme Support", title: article.title, body: article.body });
    assert.equal(await findPublicArticle(database.db, "globex", article.id), null);
    assert.equal(await findPublicArticle(database.db, "no-such-business", article.id), null);
    assert.equal(await findPublicArticle(database.db, "acme", "not-a-uuid"), null);
  });

  it("validates article and settings bodies with the fields at fault", () => {
    assert.deepEqual(parseInput(articleBody, { title: "  Shipping  ", body: " Two days. " }), { title: "Shipping", body: "Two days." });
    const fieldsOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        assert.ok(error instanceof AppError && error.code === "validation_error");
        return Object.keys(error.details.fields ?? {}).sort();
      }
      assert.fail("expected a validation error");
    };
    assert.deepEqual(
      fieldsOf(() => parseInput(articleBody, { title: "   ", body: "" })),
      ["body", "title"],
    );
    assert.deepEqual(
      fieldsOf(() => parseInput(articleBody, { title: "x".repeat(201), body: "x".repeat(ARTICLE_BODY_MAX_LENGTH + 1) })),
      ["body", "title"],
    );
    assert.deepEqual(
      fieldsOf(() => parseInput(articleBody, { title: "A", body: "B", businessId: ids.globex })),
      ["_"],
    );
    assert.deepEqual(
      fieldsOf(() => parseInput(articleUpdateBody, {})),
      ["_"],
    );
    assert.deepEqual(parseInput(articleUpdateBody, { title: "New" }), { title: "New" });
    assert.deepEqual(
      fieldsOf(() => parseInput(assistantSettingsBody, { enabled: "no" })),
      ["enabled"],
    );
    assert.deepEqual(
      fieldsOf(() => parseInput(assistantSettingsBody, { enabled: true, routing: "auto" })),
      ["_"],
    );
  });

  it("switches the assistant off and on, audit-logged, keeping the other settings", async () => {
    const actor = ids["manager@both.test"];
    assert.deepEqual(await loadAssistantSettings(database.db, globex()), { enabled: true });
    assert.deepEqual(await setAssistantEnabled(database.db, globex(), actor, false), { enabled: false });
    assert.deepEqual(await loadAssistantSettings(database.db, globex()), { enabled: false });
    assert.deepEqual(await setAssistantEnabled(database.db, globex(), actor, true), { enabled: true });
    const business = await database.db.business.findUniqueOrThrow({ where: { id: ids.globex }, select: { settings: true } });
    assert.deepEqual(business.settings, { routing: "auto", assistantEnabled: true, demo: true });
    const audits = await database.db.auditLog.findMany({ where: { businessId: ids.globex, action: "assistant.settings_updated" }, orderBy: { createdAt: "asc" } });
    assert.deepEqual(
      audits.map((a) => [a.actorUserId, a.meta]),
      [
        [actor, { enabled: false }],
        [actor, { enabled: true }],
      ],
    );
  });

  it("never loses a routing change written while the assistant switch is saved", async () => {
    const businessId = ids.acme;
    const waitingForLocks = async () => {
      const [row] = await database.db.$queryRaw<{ waiting: number }[]>`
        SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
      return row.waiting > 0;
    };
    let switchSaved: Promise<unknown> | undefined;
    // A routing write that reads, then writes the whole settings object under a row lock; the
    // switch is saved while that lock is held, so it has to wait and must build on the new routing.
    await database.db.$transaction(async (tx) => {
      const [locked] = await tx.$queryRaw<{ settings: Record<string, unknown> }[]>`SELECT settings FROM "Business" WHERE id = ${businessId}::uuid FOR UPDATE`;
      switchSaved = setAssistantEnabled(database.db, systemScope(businessId, "tooling"), ids["owner@acme.test"], false);
      await eventually(waitingForLocks, 5_000, "the switch to wait for the routing write's row lock");
      await tx.business.update({ where: { id: businessId }, data: { settings: { ...locked.settings, routing: "auto" } } });
    });
    assert.deepEqual(await switchSaved, { enabled: false });
    const business = await database.db.business.findUniqueOrThrow({ where: { id: businessId }, select: { settings: true } });
    assert.deepEqual(business.settings, { routing: "auto", assistantEnabled: false, demo: true });
  });

  it("opens the page's first paint for owners and admins only; a foreign business is missing", async () => {
    const owner = await loadKnowledgePage(database.db, ids["owner@acme.test"]);
    assert.ok(owner?.access === "granted");
    assert.equal(owner.business.slug, "acme");
    assert.deepEqual(owner.articles, await listArticles(database.db, acme()));

    const manager = await loadKnowledgePage(database.db, ids["manager@both.test"], ids.globex);
    assert.ok(manager?.access === "granted");
    assert.deepEqual(manager.businesses.map((b) => b.slug).sort(), ["acme", "globex"]);
    assert.equal(manager.business.slug, "globex");

    assert.deepEqual(await loadKnowledgePage(database.db, ids["agent@acme.test"]), { access: "denied" });
    assert.deepEqual(await loadKnowledgePage(database.db, ids["agent@acme.test"], ids.acme), { access: "denied" });
    assert.equal(await loadKnowledgePage(database.db, ids["owner@globex.test"], ids.acme), null);
    assert.equal(await loadKnowledgePage(database.db, ids["owner@globex.test"], "not-a-uuid"), null);
  });
});
