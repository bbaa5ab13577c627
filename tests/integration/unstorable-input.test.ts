/**
 * Input the database would refuse (NUL, lone UTF-16 surrogates, malformed ids) is answered 4xx at
 * the edge, never a 500, and nothing of it is stored; error logs describe database errors without
 * the customer's text (issue 11, finding 6).
 */
import assert from "node:assert/strict";
import { systemScope } from "../../lib/tenancy/memberships.server";
import { describe, it } from "node:test";
import { inspect } from "node:util";
import { Prisma } from "../../lib/db/generated/client";
import { queryPrepared } from "../../lib/db/prisma-client.server";
import { findPublicBusiness } from "../../lib/chat/public-business.server";
import { findPublicArticle, listArticles } from "../../lib/knowledge/articles.server";
import { describeError } from "../../lib/observability/logger";
import * as articlesRoute from "../../app/api/v1/admin/knowledge/articles/route";
import * as articleRoute from "../../app/api/v1/admin/knowledge/articles/[id]/route";
import { sessionTokenFor } from "../support/auth-tokens";
import { chatApi, confirmedAction, customerSocket, newAgent, startChat, withoutDemoAssistants, workspaceSocket } from "../support/live-chat";
import { callRoute, useStaffRoutes } from "../support/staff-routes";
import { useTestStack } from "../support/test-stack";

const REFUSED = ["must not contain NUL characters or unpaired UTF-16 surrogates"];
const MISSING = "00000000-0000-4000-8000-000000000000";
const SECRET = "Dana's parcel 7731 to 12 Secret Lane";

/** The body of a 400 that names exactly these fields as unstorable text. */
const refusedFields = (...fields: string[]) => ({ error: { code: "validation_error", message: `Invalid input: ${fields.join(", ")}.`, fields: Object.fromEntries(fields.map((f) => [f, REFUSED])) } });

describe("input the database would refuse", () => {
  const stack = useTestStack();
  withoutDemoAssistants(stack);
  useStaffRoutes(stack);
  const db = () => stack.database.db;

  it("chat init: a NUL in the message or a lone surrogate in the name is a 400 naming the field, and nothing is stored", async () => {
    const customersBefore = await db().customer.count();
    const sessionsBefore = await db().chatSession.count();
    const nul = await chatApi(stack, "POST", "/api/v1/chat/init", { body: { business: "acme", customer: { name: "Dana" }, message: `${SECRET}\u0000` } });
    assert.equal(nul.status, 400);
    assert.deepEqual(nul.body, refusedFields("message"));
    const surrogate = await chatApi(stack, "POST", "/api/v1/chat/init", { body: { business: "acme", customer: { name: "Dana \ud800", external_id: "x\udfff" }, message: "Hi" } });
    assert.equal(surrogate.status, 400);
    assert.deepEqual(surrogate.body, refusedFields("customer.name", "customer.external_id"));
    const business = await chatApi(stack, "POST", "/api/v1/chat/init", { body: { business: "acme\u0000" } });
    assert.deepEqual(business.body, refusedFields("business"));
    assert.equal(await db().customer.count(), customersBefore);
    assert.equal(await db().chatSession.count(), sessionsBefore);
  });

  it("task and rating: a NUL in the message or the comment is a 400 naming the field", async () => {
    const chat = await startChat(stack, "acme", { message: "Hello" });
    const task = await chatApi(stack, "POST", `/api/v1/chat/${chat.session_id}/task`, { token: chat.session_token, body: { message: `${SECRET}\u0000`, client_message_id: "nul-1" } });
    assert.equal(task.status, 400);
    assert.deepEqual(task.body, refusedFields("message"));
    assert.equal(await db().chatMessage.count({ where: { sessionId: chat.session_id } }), 1, "only the opening message");

    assert.equal((await chatApi(stack, "DELETE", `/api/v1/chat/${chat.session_id}`, { token: chat.session_token })).status, 200);
    const rating = await chatApi(stack, "POST", `/api/v1/chat/${chat.session_id}/rating`, { token: chat.session_token, body: { score: 4, comment: `${SECRET}\u0000` } });
    assert.equal(rating.status, 400);
    assert.deepEqual(rating.body, refusedFields("comment"));
    assert.equal(await db().satisfactionRating.count({ where: { sessionId: chat.session_id } }), 0);
  });

  it("a session id that is not a UUID answers on every method exactly like a missing session", async () => {
    const chat = await startChat(stack, "acme", { message: "Hello" });
    const requests = [
      { method: "GET", suffix: "", body: undefined },
      { method: "DELETE", suffix: "", body: undefined },
      { method: "POST", suffix: "/task", body: { message: "Hi", client_message_id: "junk-id-1" } },
      { method: "POST", suffix: "/rating", body: { score: 5 } },
    ];
    for (const { method, suffix, body } of requests) {
      for (const token of [chat.session_token, undefined]) {
        const missing = await chatApi(stack, method, `/api/v1/chat/${MISSING}${suffix}`, { token, body });
        for (const junk of ["not-a-uuid", "1", encodeURIComponent("x'; SELECT 1 --"), "%00", "%F0%9F%98%80"]) {
          const answer = await chatApi(stack, method, `/api/v1/chat/${junk}${suffix}`, { token, body });
          assert.deepEqual({ status: answer.status, body: answer.body }, { status: missing.status, body: missing.body }, `${method} ${junk}${suffix} ${token ? "with" : "without"} a token`);
        }
      }
    }
    const missing = await chatApi(stack, "POST", `/api/v1/chat/${MISSING}/task`, { token: chat.session_token, body: { message: "Hi", client_message_id: "junk-id-1" } });
    assert.equal(missing.status, 404);
    assert.equal((await chatApi(stack, "GET", `/api/v1/chat/${chat.session_id}`, { token: chat.session_token })).status, 200, "the session itself is untouched");
  });

  it("chat.send and session.send with a NUL answer validation_error naming the body", async () => {
    const chat = await startChat(stack, "acme", { message: "Hello" });
    const customer = await customerSocket(stack, chat.session_token);
    const sent = await customer.socket.emitWithAck("chat.send", { client_message_id: "nul-2", body: `${SECRET}\u0000` });
    assert.deepEqual(sent, { success: false, error: refusedFields("body").error });

    const agent = await newAgent(stack, "acme");
    const staff = await workspaceSocket(stack, agent.email, "acme");
    const claimed = await confirmedAction(staff, "queue.claim", { session_id: chat.session_id, request_id: "claim-nul" });
    assert.equal(claimed.confirmed?.success, true);
    const reply = await staff.socket.emitWithAck("session.send", { session_id: chat.session_id, body: `${SECRET}\u0000`, client_message_id: "nul-3" });
    assert.deepEqual(reply, { success: false, error: refusedFields("body").error });
    const surrogate = await staff.socket.emitWithAck("session.send", { session_id: chat.session_id, body: "\udc00", client_message_id: "nul-4" });
    assert.deepEqual(surrogate, { success: false, error: refusedFields("body").error });
    assert.equal(await db().chatMessage.count({ where: { sessionId: chat.session_id } }), 1, "only the opening message");
  });

  it("articles: a NUL in title and body (POST) or a lone surrogate (PATCH) is a 400 naming the fields; nothing changes", async () => {
    const token = await sessionTokenFor(db(), "owner@acme.test");
    const before = await listArticles(db(), systemScope(stack.ids.acme, "tooling"));
    const path = `/api/v1/admin/knowledge/articles?company_id=${stack.ids.acme}`;
    const created = await callRoute(articlesRoute.POST, { method: "POST", path, token, body: { title: "Gift\u0000cards", body: `${SECRET}\u0000` } });
    assert.equal(created.status, 400);
    assert.deepEqual(created.body, refusedFields("title", "body"));

    const article = before[0];
    const patched = await callRoute(articleRoute.PATCH, {
      method: "PATCH",
      path: `/api/v1/admin/knowledge/articles/${article.id}?company_id=${stack.ids.acme}`,
      params: { id: article.id },
      token,
      body: { title: "Lone \ud83d" },
    });
    assert.equal(patched.status, 400);
    assert.deepEqual(patched.body, refusedFields("title"));
    assert.deepEqual(await listArticles(db(), systemScope(stack.ids.acme, "tooling")), before);

    const valid = await callRoute(articlesRoute.POST, { method: "POST", path, token, body: { title: "Émoji 😀 and e\u0301", body: "Right-to-left \u202eok\u202c." } });
    assert.equal(valid.status, 201, "well-formed unicode is stored");
  });

  it("public pages' lookups answer a NUL in the slug like an unknown business", async () => {
    const [article] = await listArticles(db(), systemScope(stack.ids.acme, "tooling"));
    assert.equal(await findPublicBusiness(db(), "acme\u0000"), null);
    assert.equal(await findPublicBusiness(db(), "\ud800"), null);
    assert.equal(await findPublicArticle(db(), "acme\u0000", article.id), null);
  });

  it("describes real database errors by class and code, without the customer's text", async () => {
    const failures: unknown[] = [];
    const capture = (work: Promise<unknown>) =>
      work.then(
        () => assert.fail("expected the database to refuse"),
        (error: unknown) => failures.push(error),
      );
    const businessId = stack.ids.acme;
    await capture(db().$queryRaw`SELECT ${SECRET}::uuid`);
    await capture(db().customer.create({ data: { businessId, name: `${SECRET}\u0000` } }));
    await capture(db().customer.create({ data: { businessId, name: `${SECRET}\ud800` } }));
    // An unknown field (a typo a caller could make): Prisma's validation error quotes the whole call.
    const misspelled: Prisma.CustomerUncheckedCreateInput = Object.assign({ businessId, name: SECRET }, { nme: SECRET });
    await capture(db().customer.create({ data: misspelled }));
    await capture(queryPrepared(db(), "unstorable-input-test", Prisma.sql`SELECT ${SECRET}::uuid`));
    await db().customer.create({ data: { businessId, externalId: SECRET } });
    await capture(db().customer.create({ data: { businessId, externalId: SECRET } }));
    await capture(db().$executeRaw`INSERT INTO "Customer" (id, "businessId", "externalId") VALUES (gen_random_uuid(), ${businessId}::uuid, ${SECRET})`);

    const raw = failures.map((error) => inspect(error, { depth: 8 }));
    assert.ok(raw.filter((text) => text.includes("Secret Lane")).length >= 3, "raw errors quote the customer's text");
    for (const error of failures) assert.ok(!JSON.stringify(describeError(error)).includes("Secret Lane"), `no customer text in ${JSON.stringify(describeError(error))}`);
    const facts = failures.map(describeError);
    assert.deepEqual(
      facts.map((f) => [f.name, f.code ?? null, f.sqlState ?? null]),
      [
        ["PrismaClientKnownRequestError", "P2010", "22P02"],
        ["DriverAdapterError", null, "22021"],
        ["PrismaClientUnknownRequestError", null, null],
        ["PrismaClientValidationError", null, null],
        ["DatabaseError", "22P02", null],
        ["PrismaClientKnownRequestError", "P2002", "23505"],
        ["PrismaClientKnownRequestError", "P2010", "23505"],
      ],
    );
  });
});
