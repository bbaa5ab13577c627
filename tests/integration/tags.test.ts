/**
 * Issue 16, tags: owners and admins keep a business's tag list (audit-logged, pushed as
 * tags.updated); any member puts a tag on a chat or takes it off, over the socket (optimistic,
 * confirmed) or HTTP, idempotently; the change is a session change with a new version, pushed as
 * session.updated (reason tagged/untagged) to the business's staff and never to the customer;
 * another business's tag or chat answers exactly like a missing one; the session lists and their
 * HTTP fallback carry the tags and filter by one.
 *
 * Absence is checked behind a barrier: a later push the socket does get went out after the one it
 * must not get, and one socket receives in emission order.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as widgetRoute from "../../app/api/v1/admin/chat-dashboard/[widget]/route";
import * as sessionTagRoute from "../../app/api/v1/admin/sessions/[id]/tags/[tagId]/route";
import * as tagRoute from "../../app/api/v1/admin/tags/[id]/route";
import * as tagsRoute from "../../app/api/v1/admin/tags/route";
import { TAG_NAME_MAX_LENGTH, type TagListEntry, type TagWire } from "../../lib/contract/tags";
import type { StaffSession } from "../../lib/contract/staff";
import { sessionTokenFor } from "../support/auth-tokens";
import type { RecordedEvent } from "../support/event-recorder";
import { chatApi, confirmedAction, customerSocket, newAgent, startChat, withoutDemoAssistants, workspaceSocket } from "../support/live-chat";
import { callRoute, useStaffRoutes, type RouteHandler } from "../support/staff-routes";
import { useTestStack } from "../support/test-stack";

const MISSING = "00000000-0000-4000-8000-000000000000";
const handler = (route: unknown) => route as RouteHandler;

type Recorded = { recorder: { events: RecordedEvent[] } };
const mentions = (socket: Recorded, text: string) => JSON.stringify(socket.recorder.events).includes(text);
const tagPushes = (socket: Recorded, sessionId: string) =>
  socket.recorder.events.filter((e) => e.event === "session.updated" && e.payload.session.id === sessionId && ["tagged", "untagged"].includes(e.payload.reason));

describe("tags: a business's list, put on chats live for its staff only", () => {
  const stack = useTestStack();
  withoutDemoAssistants(stack);
  useStaffRoutes(stack);
  const db = () => stack.database.db;
  const tokens: Record<string, string> = {};

  before(async () => {
    for (const email of ["manager@both.test", "owner@globex.test", "agent@acme.test"]) tokens[email] = await sessionTokenFor(db(), email);
  });

  const listPath = (companyId: string) => `/api/v1/admin/tags?company_id=${companyId}`;
  const listTags = (email: string, companyId = stack.ids.acme) => callRoute(handler(tagsRoute.GET), { method: "GET", path: listPath(companyId), token: tokens[email] });
  const createTag = (email: string, body: unknown, companyId = stack.ids.acme) => callRoute(handler(tagsRoute.POST), { method: "POST", path: listPath(companyId), token: tokens[email], body });
  const patchTag = (email: string, id: string, body: unknown, companyId = stack.ids.acme) =>
    callRoute(handler(tagRoute.PATCH), { method: "PATCH", path: `/api/v1/admin/tags/${id}?company_id=${companyId}`, params: { id }, token: tokens[email], body });
  const deleteTag = (email: string, id: string, companyId = stack.ids.acme) =>
    callRoute(handler(tagRoute.DELETE), { method: "DELETE", path: `/api/v1/admin/tags/${id}?company_id=${companyId}`, params: { id }, token: tokens[email] });
  const tagOverHttp = (method: "PUT" | "DELETE", email: string, sessionId: string, tagId: string, companyId = stack.ids.acme) =>
    callRoute(handler(method === "PUT" ? sessionTagRoute.PUT : sessionTagRoute.DELETE), {
      method,
      path: `/api/v1/admin/sessions/${sessionId}/tags/${tagId}?company_id=${companyId}`,
      params: { id: sessionId, tagId },
      token: tokens[email],
    });
  const widget = (route: string, query: string, email = "manager@both.test") =>
    callRoute(handler(widgetRoute.GET), { method: "GET", path: `/api/v1/admin/chat-dashboard/${route}?${query}`, params: { widget: route }, token: tokens[email] });

  async function newTag(name: string, color = "blue", companyId = stack.ids.acme, email = "manager@both.test"): Promise<TagListEntry> {
    const answer = await createTag(email, { name, color }, companyId);
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return (answer.body as { tag: TagListEntry }).tag;
  }
  const wire = (tag: TagListEntry): TagWire => ({ id: tag.id, name: tag.name, color: tag.color });
  const tagAction = (staff: Awaited<ReturnType<typeof workspaceSocket>>, sessionId: string, tagId: string, action: "add" | "remove", requestId: string) =>
    confirmedAction(staff, "session.tag", { session_id: sessionId, tag_id: tagId, action, request_id: requestId });

  /** A chat of Acme held by a new agent, with its customer's socket connected. */
  async function heldChat(text: string) {
    const holder = await newAgent(stack, "acme");
    const staff = await workspaceSocket(stack, holder.email, "acme");
    const chat = await startChat(stack, "acme", { customer: { name: "Dana Fox" }, message: text });
    const customer = await customerSocket(stack, chat.session_token);
    assert.equal((await confirmedAction(staff, "queue.claim", { session_id: chat.session_id, request_id: `claim-${chat.session_id}` })).confirmed?.success, true);
    await customer.recorder.waitFor((e) => e.event === "chat.status" && e.payload.status === "ACTIVE", "the chat is taken");
    return { holder, staff, chat, customer };
  }

  it("admins create, rename, recolour and delete tags (names normalised, unique per business, audit-logged, pushed to the staff); agents read the list and get 403 for changes", async () => {
    const watcher = await workspaceSocket(stack, (await newAgent(stack, "acme")).email, "acme");
    const created = await newTag("  Billing   Question ", "amber");
    assert.equal(created.name, "billing question");
    assert.equal(created.color, "amber");
    assert.equal(created.session_count, 0);
    const listed = await watcher.recorder.waitFor((e) => e.event === "tags.updated" && e.payload.tags.some((t: TagWire) => t.id === created.id), "the new tag at the staff");
    assert.equal(listed.payload.company_id, stack.ids.acme);

    const duplicate = await createTag("manager@both.test", { name: "BILLING question" });
    assert.equal(duplicate.status, 409);
    assert.deepEqual((duplicate.body as { error: { fields: unknown } }).error.fields, { name: ["a tag with this name already exists"] });

    const byAgent = await listTags("agent@acme.test");
    assert.equal(byAgent.status, 200);
    assert.ok((byAgent.body as { tags: TagListEntry[] }).tags.some((t) => t.id === created.id));
    assert.equal((await createTag("agent@acme.test", { name: "mine" })).status, 403);
    assert.equal((await patchTag("agent@acme.test", created.id, { name: "mine" })).status, 403);
    assert.equal((await deleteTag("agent@acme.test", created.id)).status, 403);

    const renamed = await patchTag("manager@both.test", created.id, { name: "Refunds", color: "red" });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    assert.deepEqual({ ...(renamed.body as { tag: TagListEntry }).tag, created_at: created.created_at }, { ...created, name: "refunds", color: "red" });
    await watcher.recorder.waitFor((e) => e.event === "tags.updated" && e.payload.tags.some((t: TagWire) => t.id === created.id && t.name === "refunds"), "the rename at the staff");

    assert.deepEqual(await deleteTag("manager@both.test", created.id), { status: 200, body: { deleted: true } });
    assert.equal(await db().tag.count({ where: { id: created.id } }), 0);
    await watcher.recorder.waitFor((e) => e.event === "tags.updated" && !e.payload.tags.some((t: TagWire) => t.id === created.id), "the deletion at the staff");
    const versions = watcher.recorder.events.filter((e) => e.event === "tags.updated").map((e) => e.payload.version as number);
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
      "versions only grow",
    );

    const audit = await db().auditLog.findMany({ where: { target: created.id }, orderBy: { createdAt: "asc" }, select: { action: true, meta: true, businessId: true } });
    assert.deepEqual(
      audit.map((entry) => entry.action),
      ["tag.created", "tag.updated", "tag.deleted"],
    );
    assert.ok(audit.every((entry) => entry.businessId === stack.ids.acme));
    assert.deepEqual(audit[1].meta, { name: "refunds", color: "red", previous: { name: "billing question", color: "amber" } });
  });

  it("refuses bad tag bodies with validation_error naming the field (413 when oversized) and stores nothing", async () => {
    const before = await db().tag.count();
    const cases: [string, unknown, Record<string, string[]>][] = [
      ["empty name", { name: "   " }, { name: ["name must not be empty"] }],
      ["long name", { name: "x".repeat(TAG_NAME_MAX_LENGTH + 1) }, { name: [`name must be at most ${TAG_NAME_MAX_LENGTH} characters`] }],
      ["name not text", { name: 7 }, { name: ["name must be text"] }],
      ["unknown colour", { name: "ok", color: "#ff0000" }, { color: ["color must be one of gray, red, orange, amber, green, teal, blue, violet, pink"] }],
      ["NUL in the name", { name: "a\u0000b" }, { name: ["must not contain NUL characters or unpaired UTF-16 surrogates"] }],
    ];
    for (const [what, body, fields] of cases) {
      const answer = await createTag("manager@both.test", body);
      assert.equal(answer.status, 400, what);
      assert.deepEqual((answer.body as { error: { fields: unknown } }).error.fields, fields, what);
    }
    const unknownKey = await createTag("manager@both.test", { name: "ok", public: true });
    assert.equal(unknownKey.status, 400);
    const tag = await newTag("patch-checks");
    assert.equal((await patchTag("manager@both.test", tag.id, {})).status, 400, "a PATCH must change something");
    assert.equal((await createTag("manager@both.test", { name: "x".repeat(10_000) })).status, 413);
    assert.equal(await db().tag.count(), before + 1);
  });

  it("a tag put on a chat reaches a colleague live as a newer version of the session, once however often it is sent, and the customer gets nothing of it", async () => {
    const held = await heldChat("My parcel is late");
    const sessionId = held.chat.session_id;
    const colleague = await workspaceSocket(stack, (await newAgent(stack, "acme")).email, "acme");
    const tag = await newTag("shipping", "teal");
    const claimed = colleague.recorder.events.length; // the colleague opened after the claim

    const first = await tagAction(held.staff, sessionId, tag.id, "add", "tag-1");
    assert.deepEqual(first.ack, { success: true, request_id: "tag-1" });
    assert.equal(first.confirmed?.success, true, JSON.stringify(first.confirmed));
    assert.deepEqual((first.confirmed!.session as StaffSession).tags, [wire(tag)]);
    const pushed = await colleague.recorder.waitFor((e) => e.event === "session.updated" && e.payload.reason === "tagged" && e.payload.session.id === sessionId, "the tag at a colleague");
    assert.deepEqual(pushed.payload.session.tags, [wire(tag)]);
    assert.ok(pushed.payload.version > colleague.workspace.version, "a change newer than the colleague's snapshot");
    assert.equal(colleague.recorder.events.slice(claimed).filter((e) => e.event === "queue.updated").length, 0, "tagging moves nothing in the queue");

    const again = await tagAction(held.staff, sessionId, tag.id, "add", "tag-2");
    assert.equal(again.confirmed?.success, true);
    assert.deepEqual((again.confirmed!.session as StaffSession).tags, [wire(tag)]);
    const overHttp = await tagOverHttp("PUT", "manager@both.test", sessionId, tag.id);
    assert.deepEqual(overHttp, { status: 200, body: { session_id: sessionId, tags: [wire(tag)], changed: false } });
    assert.equal(await db().sessionTag.count({ where: { sessionId } }), 1);

    // The holder's reply as the barrier: every earlier push has reached the colleague and the customer.
    const reply = "It ships tomorrow.";
    assert.equal((await confirmedAction(held.staff, "session.send", { session_id: sessionId, body: reply, client_message_id: "barrier-1" })).confirmed?.success, true);
    await held.customer.recorder.waitFor((e) => e.event === "chat.message" && e.payload.message.body === reply, "the reply at the customer");
    const replied = await colleague.recorder.waitFor((e) => e.event === "session.updated" && e.payload.message?.body === reply, "the reply at the colleague");
    assert.deepEqual(replied.payload.session.tags, [wire(tag)], "a later change of the chat still carries its tags");
    assert.equal(tagPushes(colleague, sessionId).length, 1, "the repeats pushed nothing");
    assert.ok(!mentions(held.customer, tag.id) && !mentions(held.customer, "shipping"), "the customer's socket got nothing of the tag");
    const view = await chatApi(stack, "GET", `/api/v1/chat/${sessionId}`, { token: held.chat.session_token });
    assert.equal(view.status, 200);
    assert.ok(!JSON.stringify(view.body).includes(tag.id) && !JSON.stringify(view.body).includes("shipping"), "GET /api/v1/chat/{id} shows no tag");

    const history = await colleague.socket.emitWithAck("session.history", { session_id: sessionId });
    assert.deepEqual(history.session.tags, [wire(tag)]);
    const removed = await tagOverHttp("DELETE", "agent@acme.test", sessionId, tag.id);
    assert.deepEqual(removed, { status: 200, body: { session_id: sessionId, tags: [], changed: true } });
    const untagged = await colleague.recorder.waitFor((e) => e.event === "session.updated" && e.payload.reason === "untagged" && e.payload.session.id === sessionId, "the removal at a colleague");
    assert.ok(untagged.payload.version > pushed.payload.version);
    assert.deepEqual((await tagOverHttp("DELETE", "agent@acme.test", sessionId, tag.id)).body, { session_id: sessionId, tags: [], changed: false });
    const audit = await db().auditLog.count({ where: { target: sessionId, action: { startsWith: "tag" } } });
    assert.equal(audit, 0, "tagging a chat is work on the chat, not a settings change");
  });

  it("renaming or deleting a tag pushes the open chats carrying it again; the queue, its entries and the workspace snapshot carry tags", async () => {
    const watcher = await workspaceSocket(stack, (await newAgent(stack, "acme")).email, "acme");
    const tag = await newTag("vip", "violet");
    const waiting = await startChat(stack, "acme", { customer: { name: "Vic" }, message: "Hello, I need help" });
    await watcher.recorder.waitFor((e) => e.event === "queue.updated" && e.payload.session_id === waiting.session_id && e.payload.entry, "the chat in the queue");
    assert.equal((await tagOverHttp("PUT", "manager@both.test", waiting.session_id, tag.id)).status, 200);
    await watcher.recorder.waitFor((e) => e.event === "session.updated" && e.payload.reason === "tagged" && e.payload.session.id === waiting.session_id, "tagged in the queue");

    const snapshot = await workspaceSocket(stack, (await newAgent(stack, "acme")).email, "acme");
    assert.ok(
      snapshot.workspace.tags.some((t: TagWire) => t.id === tag.id),
      "the workspace opens with the tag list",
    );
    assert.ok(snapshot.workspace.queue_total >= snapshot.workspace.queue.length);
    const entry = snapshot.workspace.queue.find((e: { id: string }) => e.id === waiting.session_id);
    assert.deepEqual(entry?.tags, [wire(tag)]);

    assert.equal((await patchTag("manager@both.test", tag.id, { name: "very important" })).status, 200);
    const renamed = await watcher.recorder.waitFor(
      (e) => e.event === "session.updated" && e.payload.session.id === waiting.session_id && e.payload.session.tags[0]?.name === "very important",
      "the chat pushed with the new name",
    );
    assert.equal(renamed.payload.reason, "tagged");
    assert.equal((await deleteTag("manager@both.test", tag.id)).status, 200);
    const gone = await watcher.recorder.waitFor(
      (e) => e.event === "session.updated" && e.payload.session.id === waiting.session_id && e.payload.reason === "untagged",
      "the chat pushed without the tag",
    );
    assert.deepEqual(gone.payload.session.tags, []);
    assert.ok(gone.payload.version > renamed.payload.version);
  });

  it("another business's staff get the same not_found for Acme's chat or tag as for missing ones, and change nothing", async () => {
    const held = await heldChat("Where is my refund?");
    const acmeTag = await newTag("refund", "green");
    assert.equal((await tagAction(held.staff, held.chat.session_id, acmeTag.id, "add", "acme-tag")).confirmed?.success, true);
    const globexTag = await newTag("globex-only", "pink", stack.ids.globex, "owner@globex.test");
    const globex = await workspaceSocket(stack, "agent@globex.test", "globex");
    const globexChat = await startChat(stack, "globex", { message: "Hello from Globex" });
    const notFound = (what: string) => ({ code: "not_found", message: `${what} not found.` });

    for (const [what, sessionId, tagId, expected] of [
      ["Acme's chat, Globex's tag", held.chat.session_id, globexTag.id, notFound("Chat session")],
      ["a missing chat", MISSING, globexTag.id, notFound("Chat session")],
      ["Globex's chat, Acme's tag", globexChat.session_id, acmeTag.id, notFound("Tag")],
      ["Globex's chat, a missing tag", globexChat.session_id, MISSING, notFound("Tag")],
    ] as const) {
      for (const action of ["add", "remove"] as const) {
        const answer = await tagAction(globex, sessionId, tagId, action, `probe-${what}-${action}`);
        assert.deepEqual(answer.confirmed?.error, expected, `${what} ${action}`);
      }
    }
    // Acme's chat by its id, from Acme's own agent with Acme's tag: fine; from Globex over HTTP: 404 like a missing one.
    const foreign = await tagOverHttp("DELETE", "owner@globex.test", held.chat.session_id, acmeTag.id, stack.ids.globex);
    const missing = await tagOverHttp("DELETE", "owner@globex.test", MISSING, acmeTag.id, stack.ids.globex);
    assert.equal(foreign.status, 404);
    assert.deepEqual(foreign, missing);
    const foreignTag = await patchTag("owner@globex.test", acmeTag.id, { name: "mine" }, stack.ids.globex);
    assert.deepEqual(foreignTag, await patchTag("owner@globex.test", MISSING, { name: "mine" }, stack.ids.globex));
    assert.equal(foreignTag.status, 404);
    assert.deepEqual(await deleteTag("owner@globex.test", acmeTag.id, stack.ids.globex), { status: 404, body: { error: notFound("Tag") } });
    assert.deepEqual(await listTags("owner@globex.test", stack.ids.acme), { status: 404, body: { error: notFound("Business") } });
    assert.equal((await widget("queue", `company_id=${stack.ids.globex}&tag=${acmeTag.id}`, "owner@globex.test")).status, 404);

    assert.deepEqual(
      (await db().sessionTag.findMany({ where: { sessionId: held.chat.session_id }, select: { tagId: true } })).map((row) => row.tagId),
      [acmeTag.id],
    );
    assert.equal(await db().sessionTag.count({ where: { sessionId: globexChat.session_id } }), 0);
    assert.equal((await db().tag.findUniqueOrThrow({ where: { id: acmeTag.id } })).name, "refund");

    // Globex's own tagging as the barrier: nothing of Acme's tags reached Globex's socket.
    assert.equal((await tagAction(globex, globexChat.session_id, globexTag.id, "add", "globex-own")).confirmed?.success, true);
    await globex.recorder.waitFor((e) => e.event === "session.updated" && e.payload.session.id === globexChat.session_id && e.payload.reason === "tagged", "globex's own tag");
    assert.ok(!mentions(globex, acmeTag.id) && !mentions(globex, held.chat.session_id), "nothing of Acme reached Globex");
  });

  it("refuses malformed session.tag payloads with validation_error naming the field", async () => {
    const held = await heldChat("Bad tagging");
    const tag = await newTag("payload-checks");
    const base = { session_id: held.chat.session_id, tag_id: tag.id, action: "add", request_id: "bad" };
    const cases: [string, Record<string, unknown>, string][] = [
      ["not an id", { ...base, tag_id: "billing" }, "tag_id"],
      ["unknown action", { ...base, action: "toggle" }, "action"],
      ["no request_id", { session_id: base.session_id, tag_id: tag.id, action: "add" }, "request_id"],
      ["session not an id", { ...base, session_id: 5 }, "session_id"],
    ];
    for (const [what, payload, field] of cases) {
      const ack = await held.staff.socket.emitWithAck("session.tag", payload);
      assert.equal(ack.success, false, what);
      assert.equal(ack.error.code, "validation_error", what);
      assert.ok(ack.error.fields[field], `${what}: ${JSON.stringify(ack.error.fields)}`);
    }
    assert.equal((await held.staff.socket.emitWithAck("session.tag", { ...base, colour: "red" })).error.code, "validation_error");
    assert.equal(await db().sessionTag.count({ where: { sessionId: held.chat.session_id } }), 0);
  });

  it("the session lists carry tags and their HTTP fallback filters by one, totals included", async () => {
    const tag = await newTag("filter-me", "orange");
    const other = await newTag("not-this-one", "gray");
    const tagged = await startChat(stack, "acme", { customer: { name: "Tagged" }, message: "one" });
    const untagged = await startChat(stack, "acme", { customer: { name: "Untagged" }, message: "two" });
    const otherTagged = await startChat(stack, "acme", { customer: { name: "Other" }, message: "three" });
    assert.equal((await tagOverHttp("PUT", "agent@acme.test", tagged.session_id, tag.id)).status, 200);
    assert.equal((await tagOverHttp("PUT", "agent@acme.test", otherTagged.session_id, other.id)).status, 200);

    const all = (await widget("queue", `company_id=${stack.ids.acme}`)).body as { data: { sessions: { id: string; tags: TagWire[] }[]; total: number } };
    assert.deepEqual(all.data.sessions.find((s) => s.id === tagged.session_id)?.tags, [wire(tag)]);
    assert.deepEqual(all.data.sessions.find((s) => s.id === untagged.session_id)?.tags, []);
    const filtered = await widget("queue", `company_id=${stack.ids.acme}&tag=${tag.id}`);
    assert.equal(filtered.status, 200, JSON.stringify(filtered.body));
    const narrowed = (filtered.body as typeof all).data;
    assert.deepEqual(
      narrowed.sessions.map((s) => s.id),
      [tagged.session_id],
    );
    assert.equal(narrowed.total, 1);

    const holder = await workspaceSocket(stack, (await newAgent(stack, "acme")).email, "acme");
    assert.equal((await confirmedAction(holder, "queue.claim", { session_id: tagged.session_id, request_id: "claim-tagged" })).confirmed?.success, true);
    const active = (await widget("sessions", `company_id=${stack.ids.acme}&tag=${tag.id}`)).body as typeof all;
    assert.deepEqual(
      active.data.sessions.map((s) => [s.id, s.tags]),
      [[tagged.session_id, [wire(tag)]]],
    );
    assert.equal(active.data.total, 1);

    const wrongWidget = await widget("overview", `company_id=${stack.ids.acme}&tag=${tag.id}`);
    assert.equal(wrongWidget.status, 400);
    assert.equal((await widget("queue", `company_id=${stack.ids.acme}&tag=not-a-tag`)).status, 404);
  });
});
