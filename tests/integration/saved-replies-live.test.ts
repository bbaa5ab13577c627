/**
 * Issue 16, saved replies live and with a file: every change (create, edit, delete, a file put on
 * or taken off) is pushed as saved_replies.updated to the business's staff, and never to another
 * business's; owners and admins put one file on a reply (checked like a message's file,
 * audit-logged) and take it off; the holder sends a reply's file as a message without uploading
 * it again (the server copies the bytes under the message's own key, idempotent on
 * client_message_id); another business's reply answers exactly like a missing one.
 *
 * Absence is checked behind a barrier: a later push the socket does get went out after the one it
 * must not get, and one socket receives in emission order.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { NextRequest } from "next/server";
import * as listRoute from "../../app/api/v1/admin/saved-replies/route";
import * as replyRoute from "../../app/api/v1/admin/saved-replies/[id]/route";
import * as fileRoute from "../../app/api/v1/admin/saved-replies/[id]/attachment/route";
import * as attachmentsRoute from "../../app/api/v1/admin/sessions/[id]/attachments/route";
import type { AttachmentUploadResponse } from "../../lib/contract/customer-chat";
import type { SavedReplyListWire, SavedReplyWire } from "../../lib/contract/saved-replies";
import { createLocalFileStore } from "../../lib/files/file-store.server";
import { sessionCookie, sessionTokenFor } from "../support/auth-tokens";
import type { RecordedEvent } from "../support/event-recorder";
import { confirmedAction, heldChat, newAgent, withoutDemoAssistants, workspaceSocket } from "../support/live-chat";
import { APP_URL, callRoute, useStaffRoutes, type RouteHandler } from "../support/staff-routes";
import { useTestStack } from "../support/test-stack";

const MISSING = "00000000-0000-4000-8000-000000000000";
const MAX_BYTES = 64 * 1024;
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d49444154789c63f8cfc0f01f0005000201" + "a5d3a1e10000000049454e44ae426082", "hex");
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>');
const handler = (route: unknown) => route as RouteHandler;

type Answer = { status: number; body: (Partial<SavedReplyWire> & Partial<AttachmentUploadResponse> & { error?: { code: string; message: string; fields?: Record<string, string[]> } }) | null };
type Slug = "acme" | "globex";

describe("saved replies: pushed live to the business's staff, and a file sent along without uploading it again", () => {
  const storeRoot = mkdtempSync(path.join(tmpdir(), "switchboard-saved-reply-files-"));
  const store = createLocalFileStore(storeRoot);
  const stack = useTestStack({}, {}, { attachments: { store, maxBytes: MAX_BYTES } });
  withoutDemoAssistants(stack);
  useStaffRoutes(stack);
  after(() => rmSync(storeRoot, { recursive: true, force: true }));
  const db = () => stack.database.db;
  const tokens: Record<string, string> = {};
  const tokenOf = async (email: string) => tokens[email] ?? (tokens[email] = await sessionTokenFor(db(), email));

  before(async () => {
    for (const email of ["owner@acme.test", "manager@both.test", "agent@acme.test", "owner@globex.test"]) await tokenOf(email);
  });

  const company = (slug: Slug) => stack.ids[slug];
  const storedFiles = () =>
    readdirSync(storeRoot, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name));

  const create = async (as: string, body: { title: string; shortcut: string; body: string }, slug: Slug = "acme") => {
    const answer = await callRoute(handler(listRoute.POST), { method: "POST", path: `/api/v1/admin/saved-replies?company_id=${company(slug)}`, token: tokens[as], body });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body as SavedReplyWire;
  };
  const list = async (as: string, slug: Slug = "acme") =>
    (await callRoute(handler(listRoute.GET), { method: "GET", path: `/api/v1/admin/saved-replies?company_id=${company(slug)}`, token: tokens[as] })).body as SavedReplyListWire;
  const onReply = (method: "PATCH" | "DELETE", as: string, id: string, body?: unknown) =>
    callRoute(handler(replyRoute[method]), { method, path: `/api/v1/admin/saved-replies/${id}?company_id=${company("acme")}`, params: { id }, token: tokens[as], body });

  /** A raw request to a file route (the body is bytes, the fields are in the query). */
  async function rawCall(route: unknown, method: string, urlPath: string, id: string, as: string, query: Record<string, string>, file?: Buffer): Promise<Answer> {
    const url = new URL(`${urlPath}?${new URLSearchParams(query)}`, APP_URL);
    const headers: Record<string, string> = { cookie: sessionCookie(await tokenOf(as)), origin: APP_URL, "content-type": "application/octet-stream" };
    if (file) headers["content-length"] = String(file.length);
    const response = await handler(route)(new NextRequest(url, { method, headers, body: file ? new Uint8Array(file) : undefined }), { params: Promise.resolve({ id }) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }
  const putFile = (as: string, replyId: string, file: Buffer, fileName: string, slug: Slug = "acme", extra: Record<string, string> = {}) =>
    rawCall(fileRoute.PUT, "PUT", `/api/v1/admin/saved-replies/${replyId}/attachment`, replyId, as, { company_id: company(slug), file_name: fileName, ...extra }, file);
  const removeFile = (as: string, replyId: string, slug: Slug = "acme") =>
    rawCall(fileRoute.DELETE, "DELETE", `/api/v1/admin/saved-replies/${replyId}/attachment`, replyId, as, { company_id: company(slug) });
  const sendReplyFile = (as: string, sessionId: string, fields: Record<string, string>, slug: Slug = "acme", body?: Buffer) =>
    rawCall(attachmentsRoute.POST, "POST", `/api/v1/admin/sessions/${sessionId}/attachments`, sessionId, as, { company_id: company(slug), ...fields }, body);

  const audits = (target: string) => db().auditLog.findMany({ where: { target }, orderBy: { createdAt: "asc" }, select: { businessId: true, action: true, meta: true } });
  const pushesOf = (recorder: { events: RecordedEvent[] }) => recorder.events.filter((e) => e.event === "saved_replies.updated");

  /** A chat of Acme held by a new agent, with the staff and customer sockets connected. */
  it("every change reaches a colleague's open workspace as saved_replies.updated, newer versions last; another business's staff get none", async () => {
    const colleague = await workspaceSocket(stack, "agent@acme.test", "acme");
    const globex = await workspaceSocket(stack, "owner@globex.test", "globex");
    const fetched = await list("agent@acme.test");

    const reply = await create("owner@acme.test", { title: "Live policy", shortcut: "live-policy", body: "Our policy, {{customer.name}}." });
    const added = await colleague.recorder.waitFor((e) => e.event === "saved_replies.updated" && e.payload.saved_replies.some((r: SavedReplyWire) => r.id === reply.id), "the new reply");
    assert.equal(added.payload.company_id, company("acme"));
    assert.ok(added.payload.version > fetched.version, "a push after a fetch carries a higher version");
    assert.deepEqual(
      added.payload.saved_replies.find((r: SavedReplyWire) => r.id === reply.id),
      reply,
    );

    assert.equal((await onReply("PATCH", "manager@both.test", reply.id, { title: "Live policy, edited" })).status, 200);
    await colleague.recorder.waitFor((e) => e.event === "saved_replies.updated" && e.payload.saved_replies.some((r: SavedReplyWire) => r.title === "Live policy, edited"), "the edit");
    assert.equal((await putFile("owner@acme.test", reply.id, PDF, "policy.pdf")).status, 201);
    await colleague.recorder.waitFor(
      (e) => e.event === "saved_replies.updated" && e.payload.saved_replies.some((r: SavedReplyWire) => r.id === reply.id && r.attachment?.file_name === "policy.pdf"),
      "the file",
    );
    assert.equal((await removeFile("owner@acme.test", reply.id)).status, 200);
    await colleague.recorder.waitFor((e) => e.event === "saved_replies.updated" && e.payload.saved_replies.some((r: SavedReplyWire) => r.id === reply.id && r.attachment === null), "the file off");
    assert.equal((await onReply("DELETE", "owner@acme.test", reply.id)).status, 200);
    const gone = await colleague.recorder.waitFor((e) => e.event === "saved_replies.updated" && !e.payload.saved_replies.some((r: SavedReplyWire) => r.id === reply.id), "the deletion");
    assert.deepEqual(gone.payload.saved_replies, (await list("agent@acme.test")).saved_replies, "the pushed list is the list");

    const versions = pushesOf(colleague.recorder).map((e) => e.payload.version as number);
    assert.equal(versions.length, 5, "one push per change");
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
      "versions only grow",
    );
    assert.ok(pushesOf(colleague.recorder).every((e) => e.payload.company_id === company("acme")));

    // The barrier: Globex's own change, pushed after every Acme one.
    const globexReply = await create("owner@globex.test", { title: "Globex only", shortcut: "globex-live", body: "Hello from Globex." }, "globex");
    await globex.recorder.waitFor((e) => e.event === "saved_replies.updated" && e.payload.saved_replies.some((r: SavedReplyWire) => r.id === globexReply.id), "Globex's own push");
    assert.deepEqual(
      pushesOf(globex.recorder).map((e) => e.payload.company_id),
      [company("globex")],
      "Globex's staff got none of Acme's pushes",
    );
    assert.ok(!pushesOf(colleague.recorder).some((e) => e.payload.saved_replies.some((r: SavedReplyWire) => r.id === globexReply.id)));
  });

  it("an owner or admin puts one file on a reply (checked like a message's), replaces and removes it, audit-logged; nothing is left of a refused file", async () => {
    const reply = await create("owner@acme.test", { title: "Price list", shortcut: "prices", body: "Here are our prices." });
    const filesBefore = storedFiles().length;

    const put = await putFile("manager@both.test", reply.id, PDF, "C:\\fakepath\\prices 2026.pdf");
    assert.equal(put.status, 201, JSON.stringify(put.body));
    const withFile = put.body as SavedReplyWire;
    assert.deepEqual({ ...withFile.attachment, id: undefined }, { id: undefined, file_name: "prices 2026.pdf", content_type: "application/pdf", byte_size: PDF.length });
    assert.deepEqual({ ...withFile, attachment: null, updated_at: reply.updated_at }, reply);
    assert.equal(storedFiles().length, filesBefore + 1);

    const replaced = await putFile("owner@acme.test", reply.id, PNG, "prices.png");
    assert.equal(replaced.status, 201);
    assert.equal(replaced.body?.attachment?.content_type, "image/png");
    assert.equal(storedFiles().length, filesBefore + 1, "the replaced file left the store");
    assert.equal(await db().attachment.count({ where: { savedReplyId: reply.id } }), 1, "one file per reply");

    for (const [what, file, name, status, code] of [
      ["SVG", SVG, "logo.svg", 415, "unsupported_media_type"],
      ["an empty file", Buffer.alloc(0), "empty.txt", 400, "validation_error"],
      ["a file over the limit", Buffer.alloc(MAX_BYTES + 1, 0x61), "big.txt", 413, "payload_too_large"],
    ] as const) {
      const refused = await putFile("owner@acme.test", reply.id, file, name);
      assert.deepEqual([refused.status, refused.body?.error?.code], [status, code], what);
    }
    const noName = await putFile("owner@acme.test", reply.id, PDF, "");
    assert.equal(noName.status, 400);
    assert.deepEqual(noName.body?.error?.fields, { file_name: ["file_name must not be empty"] });
    const unexpected = await putFile("owner@acme.test", reply.id, PDF, "x.pdf", "acme", { caption: "no" });
    assert.equal(unexpected.status, 400, "the query is strict");
    assert.equal(storedFiles().length, filesBefore + 1, "nothing kept of a refused file");
    assert.equal((await list("agent@acme.test")).saved_replies.find((r) => r.id === reply.id)?.attachment?.content_type, "image/png", "the reply still has its file");

    assert.equal((await putFile("agent@acme.test", reply.id, PDF, "mine.pdf")).status, 403);
    assert.equal((await removeFile("agent@acme.test", reply.id)).status, 403);

    const removed = await removeFile("owner@acme.test", reply.id);
    assert.equal(removed.status, 200);
    assert.equal(removed.body?.attachment, null);
    assert.equal(storedFiles().length, filesBefore, "its bytes left the store");
    const again = await removeFile("owner@acme.test", reply.id);
    assert.deepEqual([again.status, again.body?.attachment], [200, null], "removing no file is no change");

    assert.deepEqual(
      (await audits(reply.id)).map((entry) => [entry.action, entry.businessId]),
      [
        ["saved_reply.created", company("acme")],
        ["saved_reply.attachment_added", company("acme")],
        ["saved_reply.attachment_added", company("acme")],
        ["saved_reply.attachment_removed", company("acme")],
      ],
    );
    const [, first, second, third] = await audits(reply.id);
    assert.deepEqual(first.meta, { shortcut: "prices", title: "Price list", file_name: "prices 2026.pdf", content_type: "application/pdf", byte_size: PDF.length, replaced: null });
    assert.equal((second.meta as { replaced: string }).replaced, "prices 2026.pdf");
    assert.deepEqual(third.meta, { shortcut: "prices", title: "Price list", file_name: "prices.png" });
  });

  it("the holder sends a reply's file: the customer gets it as a message with a link to the same bytes, a retry stores one message and one copy, the reply's file outlives the message's", async () => {
    const reply = await create("owner@acme.test", { title: "Terms", shortcut: "terms", body: "Our terms are attached, {{customer.name}}." });
    assert.equal((await putFile("owner@acme.test", reply.id, PDF, "terms.pdf")).status, 201);
    const held = await heldChat(stack, "Can I see your terms?");
    const filesBefore = storedFiles().length;

    assert.equal(
      (await confirmedAction(held.staff, "session.send", { session_id: held.chat.session_id, body: "Our terms are attached, Dana Fox.", client_message_id: "terms-text" })).confirmed?.success,
      true,
    );
    const sent = await sendReplyFile(held.holder.email, held.chat.session_id, { client_message_id: "terms-file", saved_reply_id: reply.id });
    assert.equal(sent.status, 201, JSON.stringify(sent.body));
    const message = (sent.body as AttachmentUploadResponse).message;
    assert.equal(message.author, "AGENT");
    assert.equal(message.body, "");
    assert.equal(message.client_message_id, "terms-file");
    assert.deepEqual(
      { ...message.attachment!, id: undefined, url: undefined, url_expires_at: undefined },
      { id: undefined, file_name: "terms.pdf", content_type: "application/pdf", byte_size: PDF.length, url: undefined, url_expires_at: undefined },
    );
    const replyFile = await db().attachment.findFirstOrThrow({ where: { savedReplyId: reply.id } });
    const messageFile = await db().attachment.findUniqueOrThrow({ where: { id: message.attachment!.id } });
    assert.notEqual(messageFile.id, replyFile.id, "a row of the message's own");
    assert.notEqual(messageFile.storageKey, replyFile.storageKey, "bytes under a key of the message's own");
    assert.equal(messageFile.sha256, replyFile.sha256);
    assert.equal(messageFile.savedReplyId, null);
    assert.equal(storedFiles().length, filesBefore + 1);

    const atCustomer = await held.customer.recorder.waitFor((e) => e.event === "chat.message" && e.payload.message.attachment?.id === message.attachment!.id, "the file at the customer");
    const link = atCustomer.payload.message.attachment.url as string;
    const download = await fetch(`${stack.server.url}${link}`);
    assert.equal(download.status, 200);
    assert.deepEqual(Buffer.from(await download.arrayBuffer()), PDF);
    const texts = held.customer.recorder.events.filter((e) => e.event === "chat.message" && e.payload.message.author === "AGENT").map((e) => e.payload.message.body);
    assert.deepEqual(texts, ["Our terms are attached, Dana Fox.", ""], "the text, then the file");

    const retry = await sendReplyFile(held.holder.email, held.chat.session_id, { client_message_id: "terms-file", saved_reply_id: reply.id });
    assert.equal(retry.status, 200, "a retry answers the stored message");
    assert.equal(retry.body?.message?.id, message.id);
    assert.equal(await db().attachment.count({ where: { message: { sessionId: held.chat.session_id } } }), 1);
    assert.equal(storedFiles().length, filesBefore + 1, "the retry's copy left the store; the reply's file stayed");
    assert.ok(await store.exists(replyFile.storageKey));

    // The reply's file goes (and then the reply): the message's copy stays.
    assert.equal((await removeFile("owner@acme.test", reply.id)).status, 200);
    assert.equal((await onReply("DELETE", "owner@acme.test", reply.id)).status, 200);
    assert.equal(await store.exists(replyFile.storageKey), false);
    assert.ok(await store.exists(messageFile.storageKey));
    assert.equal((await fetch(`${stack.server.url}${link}`)).status, 200);
  });

  it("another business's reply, a missing one and a reply without a file are refused before anything is stored; so are bad fields and a non-holder", async () => {
    const held = await heldChat(stack, "Send me something");
    const plain = await create("owner@acme.test", { title: "No file", shortcut: "no-file", body: "Just text." });
    const globexReply = await create("owner@globex.test", { title: "Globex terms", shortcut: "globex-terms", body: "Globex's." }, "globex");
    assert.equal((await putFile("owner@globex.test", globexReply.id, PDF, "globex.pdf", "globex")).status, 201);
    const acmeWithFile = await create("owner@acme.test", { title: "With file", shortcut: "with-file", body: "See attached." });
    assert.equal((await putFile("owner@acme.test", acmeWithFile.id, PDF, "acme.pdf")).status, 201);
    const filesBefore = storedFiles().length;
    const messagesBefore = await db().chatMessage.count({ where: { sessionId: held.chat.session_id } });

    const notFound = { error: { code: "not_found", message: "Saved reply not found." } };
    const foreign = await sendReplyFile(held.holder.email, held.chat.session_id, { client_message_id: "probe-1", saved_reply_id: globexReply.id });
    const missing = await sendReplyFile(held.holder.email, held.chat.session_id, { client_message_id: "probe-2", saved_reply_id: MISSING });
    assert.deepEqual(foreign, { status: 404, body: notFound });
    assert.deepEqual(missing, { status: 404, body: notFound });
    assert.deepEqual(await sendReplyFile(held.holder.email, held.chat.session_id, { client_message_id: "probe-3", saved_reply_id: plain.id }), {
      status: 404,
      body: { error: { code: "not_found", message: "Saved reply file not found." } },
    });

    // On the file routes: another business's reply is the same 404 as a missing one; another business's company_id is the Business 404.
    assert.deepEqual(await putFile("owner@globex.test", acmeWithFile.id, PDF, "x.pdf", "globex"), await putFile("owner@globex.test", MISSING, PDF, "x.pdf", "globex"));
    assert.equal((await putFile("owner@globex.test", acmeWithFile.id, PDF, "x.pdf", "globex")).status, 404);
    assert.deepEqual(await removeFile("owner@globex.test", acmeWithFile.id, "globex"), await removeFile("owner@globex.test", MISSING, "globex"));
    assert.deepEqual((await putFile("owner@globex.test", acmeWithFile.id, PDF, "x.pdf", "acme")).body, { error: { code: "not_found", message: "Business not found." } });

    // Globex's staff sending Acme's reply into Globex's chat, or into Acme's chat: 404s that say nothing of Acme's reply.
    const acmeChatFromGlobex = await sendReplyFile("owner@globex.test", held.chat.session_id, { client_message_id: "probe-4", saved_reply_id: acmeWithFile.id }, "globex");
    assert.equal(acmeChatFromGlobex.status, 404);

    const bad: [Record<string, string>, Record<string, string[]>][] = [
      [{ client_message_id: "probe-5", saved_reply_id: "not-a-uuid" }, { saved_reply_id: ["saved_reply_id must be an id"] }],
      [{ client_message_id: "bad id!", saved_reply_id: acmeWithFile.id }, { client_message_id: ["client_message_id may use letters, digits and _ : . -"] }],
    ];
    for (const [fields, expected] of bad) {
      const answer = await sendReplyFile(held.holder.email, held.chat.session_id, fields);
      assert.equal(answer.status, 400, JSON.stringify(fields));
      assert.deepEqual(answer.body?.error?.fields, expected);
    }
    const both = await sendReplyFile(held.holder.email, held.chat.session_id, { client_message_id: "probe-6", saved_reply_id: acmeWithFile.id, file_name: "x.pdf" });
    assert.equal(both.status, 400, "a saved reply's file takes no file_name: it is not an upload");

    const colleague = await newAgent(stack, "acme", { name: "Not the holder" });
    const byColleague = await sendReplyFile(colleague.email, held.chat.session_id, { client_message_id: "probe-7", saved_reply_id: acmeWithFile.id });
    assert.ok(byColleague.status === 403 || byColleague.status === 409, `only the holder replies (${byColleague.status})`);

    assert.equal(storedFiles().length, filesBefore, "no copy left behind by a refusal");
    assert.equal(await db().chatMessage.count({ where: { sessionId: held.chat.session_id } }), messagesBefore);
  });
});
