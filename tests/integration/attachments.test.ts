/**
 * Issue 16, attachments: a file is a message. A customer's image reaches the staff in
 * session.updated, an agent's PDF reaches the customer in chat.message; the signed link serves the
 * bytes with their sniffed type, nosniff, a sandbox and the right disposition; kinds we do not
 * accept (SVG, HTML, an EXE named .png), an empty file and one over the limit are refused and
 * leave nothing behind (no row, no file); a retry stores one message and one file; another chat's
 * token and another business's staff get the same 404 as for a missing chat; an expired or
 * tampered link is refused.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { NextRequest } from "next/server";
import * as attachmentsRoute from "../../app/api/v1/admin/sessions/[id]/attachments/route";
import { toAttachmentWire } from "../../lib/chat/attachment-wire.server";
import type { AttachmentUploadResponse, ChatMessageWire } from "../../lib/contract/customer-chat";
import { createLocalFileStore } from "../../lib/files/file-store.server";
import { sessionCookie, sessionTokenFor } from "../support/auth-tokens";
import { chatApi, heldChat, startChat, withoutDemoAssistants } from "../support/live-chat";
import { APP_URL, useStaffRoutes } from "../support/staff-routes";
import { useTestStack } from "../support/test-stack";

const MISSING = "00000000-0000-4000-8000-000000000000";
const MAX_BYTES = 64 * 1024;

const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d49444154789c63f8cfc0f01f0005000201" + "a5d3a1e10000000049454e44ae426082", "hex");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"><script>alert(1)</script></svg>');
const HTML = Buffer.from("<!DOCTYPE html><html><body><script>fetch('/api/v1/admin/team')</script></body></html>");
const EXE = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00", "latin1"), Buffer.alloc(64), Buffer.from("PE\x00\x00", "latin1")]);

type Upload = { status: number; body: (AttachmentUploadResponse & { error?: { code: string; message: string; fields?: Record<string, string[]> } }) | null };

describe("attachments: a file is a message, served only through short-lived signed links", () => {
  const storeRoot = mkdtempSync(path.join(tmpdir(), "switchboard-attachments-"));
  const store = createLocalFileStore(storeRoot);
  const stack = useTestStack({}, {}, { attachments: { store, maxBytes: MAX_BYTES } });
  withoutDemoAssistants(stack);
  useStaffRoutes(stack);
  after(() => rmSync(storeRoot, { recursive: true, force: true }));
  const db = () => stack.database.db;
  const tokens: Record<string, string> = {};

  before(async () => {
    for (const email of ["owner@globex.test", "manager@both.test"]) tokens[email] = await sessionTokenFor(db(), email);
  });

  /** Every stored file (the spool folder, where uploads wait while they are checked, must be empty too). */
  const storedFiles = () =>
    readdirSync(storeRoot, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name));
  const attachmentRows = (sessionId: string) => db().attachment.count({ where: { message: { sessionId } } });

  const query = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

  async function customerUpload(sessionId: string, token: string, file: Buffer | ReadableStream<Uint8Array>, fields: Record<string, string>): Promise<Upload> {
    const response = await fetch(`${stack.server.url}/api/v1/chat/${sessionId}/attachments?${query(fields)}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream" },
      ...(file instanceof ReadableStream ? { body: file, duplex: "half" } : { body: new Uint8Array(file) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  async function agentUpload(email: string, sessionId: string, file: Buffer, fields: Record<string, string>, companyId = stack.ids.acme): Promise<Upload> {
    const token = tokens[email] ?? (tokens[email] = await sessionTokenFor(db(), email));
    const url = new URL(`/api/v1/admin/sessions/${sessionId}/attachments?${query({ company_id: companyId, ...fields })}`, APP_URL);
    const request = new NextRequest(url, {
      method: "POST",
      headers: { cookie: sessionCookie(token), "content-type": "application/octet-stream", origin: APP_URL, "content-length": String(file.length) },
      body: new Uint8Array(file),
    });
    const response = await attachmentsRoute.POST(request, { params: Promise.resolve({ id: sessionId }) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  const download = (url: string) => fetch(`${stack.server.url}${url}`);

  /** A chat of Acme held by a new agent, with the staff and customer sockets connected. */
  it("a customer's image reaches the staff live; its link serves the bytes inline, nosniff and sandboxed; a retry stores one message and one file", async () => {
    const held = await heldChat(stack, "Here is a photo of the damage");
    const filesBefore = storedFiles().length;

    const sent = await customerUpload(held.chat.session_id, held.chat.session_token, PNG, {
      client_message_id: "photo-1",
      file_name: "C:\\fakepath\\damage.png",
      caption: "The box arrived like this",
    });
    assert.equal(sent.status, 201, JSON.stringify(sent.body));
    const message = sent.body!.message;
    assert.equal(message.author, "CUSTOMER");
    assert.equal(message.body, "The box arrived like this");
    assert.deepEqual(
      { ...message.attachment!, url: undefined, url_expires_at: undefined, id: undefined },
      {
        id: undefined,
        file_name: "damage.png",
        content_type: "image/png",
        byte_size: PNG.length,
        url: undefined,
        url_expires_at: undefined,
      },
    );
    assert.match(message.attachment!.url, /^\/api\/v1\/attachments\/[0-9a-f-]{36}\?expires=\d+&sig=[\w-]+$/);

    const pushed = await held.staff.recorder.waitFor((e) => e.event === "session.updated" && e.payload.message?.id === message.id, "the image at the holder's workspace");
    assert.equal(pushed.payload.reason, "message");
    assert.equal(pushed.payload.message.attachment.id, message.attachment!.id);
    const row = await db().attachment.findUniqueOrThrow({ where: { id: message.attachment!.id } });
    assert.equal(row.businessId, stack.ids.acme);
    assert.equal(row.messageId, message.id);
    assert.match(row.sha256, /^[0-9a-f]{64}$/);

    const served = await download(pushed.payload.message.attachment.url);
    assert.equal(served.status, 200);
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), PNG);
    assert.equal(served.headers.get("content-type"), "image/png");
    assert.equal(served.headers.get("x-content-type-options"), "nosniff");
    assert.equal(served.headers.get("content-disposition"), `inline; filename="damage.png"; filename*=UTF-8''damage.png`);
    assert.match(served.headers.get("content-security-policy") ?? "", /^sandbox; default-src 'none'/);
    assert.match(served.headers.get("cache-control") ?? "", /^private, max-age=\d+$/);

    const retry = await customerUpload(held.chat.session_id, held.chat.session_token, PNG, { client_message_id: "photo-1", file_name: "damage.png", caption: "The box arrived like this" });
    assert.equal(retry.status, 200);
    assert.equal(retry.body!.message.id, message.id);
    assert.equal(retry.body!.message.attachment!.id, message.attachment!.id);
    assert.equal(await attachmentRows(held.chat.session_id), 1);
    assert.equal(storedFiles().length, filesBefore + 1, "one file for one message");
  });

  it("an agent's PDF reaches the customer live as a download under its cleaned name; history and the chat API carry fresh links", async () => {
    const held = await heldChat(stack, "Can I have the invoice?");
    const sent = await agentUpload(held.holder.email, held.chat.session_id, PDF, { client_message_id: "invoice-1", file_name: "../../Rechnung März.pdf" });
    assert.equal(sent.status, 201, JSON.stringify(sent.body));
    const message = sent.body!.message;
    assert.equal(message.author, "AGENT");
    assert.equal(message.body, "");
    assert.equal(message.attachment?.file_name, "Rechnung März.pdf");

    const pushed = await held.customer.recorder.waitFor((e) => e.event === "chat.message" && e.payload.message.id === message.id, "the PDF at the customer");
    assert.equal(pushed.payload.message.attachment.content_type, "application/pdf");
    const served = await download(pushed.payload.message.attachment.url);
    assert.equal(served.status, 200);
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), PDF);
    assert.equal(served.headers.get("content-type"), "application/pdf");
    assert.equal(served.headers.get("x-content-type-options"), "nosniff");
    assert.equal(served.headers.get("content-disposition"), `attachment; filename="Rechnung M_rz.pdf"; filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf`);

    const view = await chatApi(stack, "GET", `/api/v1/chat/${held.chat.session_id}`, { token: held.chat.session_token });
    const viewed = (view.body.messages as ChatMessageWire[]).find((m) => m.id === message.id)!;
    assert.equal(viewed.attachment?.id, message.attachment!.id);
    assert.equal((await download(viewed.attachment!.url)).status, 200);
    const history = await held.staff.socket.emitWithAck("session.history", { session_id: held.chat.session_id });
    const inHistory = (history.messages as ChatMessageWire[]).find((m) => m.id === message.id)!;
    assert.equal((await download(inHistory.attachment!.url)).status, 200);
    assert.ok((await held.staff.recorder.waitFor((e) => e.event === "session.updated" && e.payload.message?.id === message.id, "the PDF at the workspace")).payload.message.attachment);
  });

  it("takes the kind from the bytes: a PNG named notes.txt is a PNG; text is served as a download, never inline", async () => {
    const held = await heldChat(stack, "Kinds");
    const png = await customerUpload(held.chat.session_id, held.chat.session_token, PNG, { client_message_id: "kind-1", file_name: "notes.txt" });
    assert.equal(png.status, 201);
    assert.equal(png.body!.message.attachment?.content_type, "image/png");
    assert.equal(png.body!.message.attachment?.file_name, "notes.txt.png");
    const text = await customerUpload(held.chat.session_id, held.chat.session_token, Buffer.from("Order 4521\nTracking ZX81\n"), { client_message_id: "kind-2", file_name: "order.txt" });
    assert.equal(text.status, 201);
    const served = await download(text.body!.message.attachment!.url);
    assert.equal(served.headers.get("content-type"), "text/plain; charset=utf-8");
    assert.match(served.headers.get("content-disposition") ?? "", /^attachment;/);
  });

  it("refuses SVG, HTML, an EXE named .png (415), an empty file (400) and one over the limit (413, declared or streamed), storing nothing", async () => {
    const held = await heldChat(stack, "Bad files");
    const sessionId = held.chat.session_id;
    const filesBefore = storedFiles().length;
    const refused: [string, Buffer, string, number, string][] = [
      ["SVG", SVG, "logo.svg", 415, "unsupported_media_type"],
      ["HTML", HTML, "page.html", 415, "unsupported_media_type"],
      ["an EXE named .png", EXE, "cute-cat.png", 415, "unsupported_media_type"],
      ["an empty file", Buffer.alloc(0), "empty.txt", 400, "validation_error"],
      ["a file over the limit", Buffer.alloc(MAX_BYTES + 1, 0x61), "big.txt", 413, "payload_too_large"],
    ];
    for (const [what, file, fileName, status, code] of refused) {
      const byCustomer = await customerUpload(sessionId, held.chat.session_token, file, { client_message_id: `bad-${status}-${fileName}`, file_name: fileName });
      assert.deepEqual([byCustomer.status, byCustomer.body?.error?.code], [status, code], `customer: ${what}`);
      const byAgent = await agentUpload(held.holder.email, sessionId, file, { client_message_id: `bad-agent-${status}-${fileName}`, file_name: fileName });
      assert.deepEqual([byAgent.status, byAgent.body?.error?.code], [status, code], `agent: ${what}`);
    }
    // No Content-Length: the limit holds while the body streams in.
    const chunk = new Uint8Array(16 * 1024).fill(0x62);
    let sentChunks = 0;
    const chunked = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sentChunks++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await customerUpload(sessionId, held.chat.session_token, chunked, { client_message_id: "bad-streamed", file_name: "stream.txt" });
    assert.deepEqual([streamed.status, streamed.body?.error?.code], [413, "payload_too_large"]);

    assert.equal(await attachmentRows(sessionId), 0);
    assert.equal(storedFiles().length, filesBefore, "no file left behind, none in the spool folder either");
    const messages = await db().chatMessage.count({ where: { sessionId } });
    assert.equal(messages, 1, "only the first message: nothing refused became a message");
  });

  it("refuses a bad query with validation_error naming the field", async () => {
    const held = await heldChat(stack, "Bad queries");
    const cases: [Record<string, string>, Record<string, string[]>][] = [
      [{ file_name: "a.png" }, { client_message_id: ["Invalid input: expected string, received undefined"] }],
      [{ client_message_id: "q-2" }, { file_name: ["Invalid input: expected string, received undefined"] }],
      [{ client_message_id: "q-3", file_name: "   " }, { file_name: ["file_name must not be empty"] }],
      [{ client_message_id: "q-4", file_name: "a.png", caption: "x".repeat(4_001) }, { caption: ["caption must be at most 4000 characters"] }],
      [{ client_message_id: "q-5", file_name: "a\u0000.png" }, { file_name: ["must not contain NUL characters or unpaired UTF-16 surrogates"] }],
    ];
    for (const [fields, expected] of cases) {
      const byCustomer = await customerUpload(held.chat.session_id, held.chat.session_token, PNG, fields);
      assert.equal(byCustomer.status, 400, JSON.stringify(fields));
      assert.deepEqual(byCustomer.body?.error?.fields, expected);
      const byAgent = await agentUpload(held.holder.email, held.chat.session_id, PNG, fields);
      assert.equal(byAgent.status, 400);
      assert.deepEqual(byAgent.body?.error?.fields, expected);
    }
    const unknown = await customerUpload(held.chat.session_id, held.chat.session_token, PNG, { client_message_id: "q-6", file_name: "a.png", visibility: "public" });
    assert.equal(unknown.body?.error?.code, "validation_error");
    assert.equal(await attachmentRows(held.chat.session_id), 0);
  });

  it("another chat's token, another business's staff and an agent not holding the chat store nothing; the first two get the 404 of a missing chat", async () => {
    const held = await heldChat(stack, "Mine only");
    const other = await startChat(stack, "acme", { message: "Another chat" });
    const filesBefore = storedFiles().length;
    const fields = { client_message_id: "probe", file_name: "probe.png" };

    const otherToken = await customerUpload(held.chat.session_id, other.session_token, PNG, fields);
    const missing = await customerUpload(MISSING, held.chat.session_token, PNG, fields);
    assert.deepEqual(otherToken, { status: 404, body: { error: { code: "not_found", message: "Chat session not found." } } });
    assert.deepEqual(otherToken, missing);

    const foreign = await agentUpload("agent@globex.test", held.chat.session_id, PNG, fields, stack.ids.globex);
    const missingForGlobex = await agentUpload("agent@globex.test", MISSING, PNG, fields, stack.ids.globex);
    assert.deepEqual(foreign, { status: 404, body: { error: { code: "not_found", message: "Chat session not found." } } });
    assert.deepEqual(foreign, missingForGlobex);
    assert.deepEqual(await agentUpload("owner@globex.test", held.chat.session_id, PNG, fields, stack.ids.acme), {
      status: 404,
      body: { error: { code: "not_found", message: "Business not found." } },
    });
    const notHolder = await agentUpload("manager@both.test", held.chat.session_id, PNG, fields);
    assert.equal(notHolder.status, 403, JSON.stringify(notHolder.body));

    assert.equal(await attachmentRows(held.chat.session_id), 0);
    assert.equal(storedFiles().length, filesBefore);
  });

  it("refuses an expired, tampered or borrowed link with 403 (before looking anything up), and a valid link to a deleted file with 404", async () => {
    const held = await heldChat(stack, "Links");
    const sent = await customerUpload(held.chat.session_id, held.chat.session_token, PNG, { client_message_id: "link-1", file_name: "a.png" });
    const other = await customerUpload(held.chat.session_id, held.chat.session_token, PDF, { client_message_id: "link-2", file_name: "b.pdf" });
    const attachment = sent.body!.message.attachment!;
    const url = new URL(attachment.url, "http://x");
    const refused = { error: { code: "forbidden", message: "This link is not valid or has expired; open the conversation again for a fresh one." } };

    const expired = toAttachmentWire({ id: attachment.id, fileName: "a.png", contentType: "image/png", byteSize: PNG.length }, new Date(Date.now() - 30 * 60_000));
    const tampered = `${url.pathname}?expires=${url.searchParams.get("expires")}&sig=${url.searchParams.get("sig")!.replace(/^./, (c) => (c === "A" ? "B" : "A"))}`;
    const extended = `${url.pathname}?expires=${Number(url.searchParams.get("expires")) + 86_400}&sig=${url.searchParams.get("sig")}`;
    const borrowed = `/api/v1/attachments/${other.body!.message.attachment!.id}${url.search}`;
    for (const [what, link] of Object.entries({ expired: expired.url, tampered, extended, borrowed, unsigned: url.pathname, "not an id": `/api/v1/attachments/x${url.search}` })) {
      const answer = await download(link);
      assert.equal(answer.status, 403, what);
      assert.deepEqual(await answer.json(), refused, what);
    }
    assert.equal((await fetch(`${stack.server.url}${attachment.url}`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).status, 400);

    const row = await db().attachment.findUniqueOrThrow({ where: { id: attachment.id } });
    await store.delete(row.storageKey);
    const gone = await download(attachment.url);
    assert.equal(gone.status, 404);
    assert.deepEqual(await gone.json(), { error: { code: "not_found", message: "Attachment not found." } });
  });
});
