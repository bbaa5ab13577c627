/**
 * Issue 16, private notes: an agent writes a note in a conversation; the business's staff get it
 * live and in the history; the chat's customer never gets it (not on /chat, not in GET
 * /api/v1/chat/{id}); another business's staff get the same not_found as for a missing chat; a
 * retry stores one note; bad notes are refused by the contract's schema.
 *
 * Absence is checked behind a barrier rather than after a pause: a later push that the socket does
 * get (a reply) went out after the note would have, and one socket receives in emission order.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as notesRoute from "../../app/api/v1/admin/sessions/[id]/notes/route";
import { MESSAGE_MAX_LENGTH } from "../../lib/contract/customer-chat";
import type { SessionNoteWire } from "../../lib/contract/staff";
import { sessionTokenFor } from "../support/auth-tokens";
import type { RecordedEvent } from "../support/event-recorder";
import { chatApi, confirmedAction, heldChat, newAgent, startChat, withoutDemoAssistants, workspaceSocket } from "../support/live-chat";
import { callRoute, useStaffRoutes, type RouteHandler } from "../support/staff-routes";
import { useTestStack } from "../support/test-stack";

const MISSING = "00000000-0000-4000-8000-000000000000";
const handler = (route: unknown) => route as RouteHandler;

type Recorded = { recorder: { events: RecordedEvent[] } };
const notesPushed = (socket: Recorded, noteId: string) => socket.recorder.events.filter((e) => e.event === "session.note_added" && e.payload.note.id === noteId);
const mentions = (socket: Recorded, text: string) => JSON.stringify(socket.recorder.events).includes(text);

describe("private notes: for the business's staff, live; never for the customer", () => {
  const stack = useTestStack();
  withoutDemoAssistants(stack);
  useStaffRoutes(stack);
  const db = () => stack.database.db;
  const tokens: Record<string, string> = {};

  before(async () => {
    for (const email of ["manager@both.test", "owner@globex.test"]) tokens[email] = await sessionTokenFor(db(), email);
  });

  const notesPath = (sessionId: string, companyId: string) => `/api/v1/admin/sessions/${sessionId}/notes?company_id=${companyId}`;
  const getNotes = (email: string, sessionId: string, companyId = stack.ids.acme) =>
    callRoute(handler(notesRoute.GET), { method: "GET", path: notesPath(sessionId, companyId), params: { id: sessionId }, token: tokens[email] });
  const postNote = (email: string, sessionId: string, body: unknown, companyId = stack.ids.acme) =>
    callRoute(handler(notesRoute.POST), { method: "POST", path: notesPath(sessionId, companyId), params: { id: sessionId }, token: tokens[email], body });
  const storedNotes = (sessionId: string) => db().sessionNote.count({ where: { sessionId } });

  /** The holder's reply, once it has reached the customer and the given staff socket: every earlier push has too. */
  async function barrier(held: Awaited<ReturnType<typeof heldChat>>, staff: Awaited<ReturnType<typeof workspaceSocket>>, body: string) {
    assert.equal((await confirmedAction(held.staff, "session.send", { session_id: held.chat.session_id, body, client_message_id: `barrier-${held.chat.session_id}` })).confirmed?.success, true);
    await held.customer.recorder.waitFor((e) => e.event === "chat.message" && e.payload.message.body === body, "the reply at the customer");
    await staff.recorder.waitFor((e) => e.event === "session.updated" && e.payload.message?.body === body, "the reply at the staff socket");
  }

  it("a note reaches the other staff live, is stored once on a retry, and the customer gets nothing of it on /chat or the chat API", async () => {
    const held = await heldChat(stack, "My order 4521 never arrived");
    const colleague = await workspaceSocket(stack, (await newAgent(stack, "acme")).email, "acme");
    const body = "VIP customer: refund approved by Sam, do not ask again";

    const first = await confirmedAction(held.staff, "session.note", { session_id: held.chat.session_id, body, client_message_id: "note-1" });
    assert.deepEqual(first.ack, { success: true, request_id: "note-1" });
    assert.equal(first.confirmed?.success, true);
    const note: SessionNoteWire = first.confirmed!.note;
    assert.equal(note.body, body);
    assert.equal(note.session_id, held.chat.session_id);
    assert.deepEqual(note.author, { user_id: held.holder.userId, name: held.holder.displayName });

    const pushed = await colleague.recorder.waitFor((e) => e.event === "session.note_added" && e.payload.note.id === note.id, "the note at a colleague");
    assert.deepEqual(pushed.payload, { company_id: stack.ids.acme, note });

    const retry = await confirmedAction(held.staff, "session.note", { session_id: held.chat.session_id, body, client_message_id: "note-1" });
    assert.deepEqual(retry.confirmed?.note, note, "a retry answers the stored note");
    assert.equal(await storedNotes(held.chat.session_id), 1);

    await barrier(held, colleague, "Thanks for waiting, I'm on it.");
    assert.equal(notesPushed(colleague, note.id).length, 1, "the retry pushed nothing again");
    assert.ok(!mentions(held.customer, body) && !mentions(held.customer, note.id), "the customer's socket got nothing of the note");

    const view = await chatApi(stack, "GET", `/api/v1/chat/${held.chat.session_id}`, { token: held.chat.session_token });
    assert.equal(view.status, 200);
    assert.deepEqual(
      view.body.messages.map((m: { body: string }) => m.body),
      ["My order 4521 never arrived", "Thanks for waiting, I'm on it."],
    );
    assert.ok(!JSON.stringify(view.body).includes(body) && !JSON.stringify(view.body).includes(note.id), "GET /api/v1/chat/{id} has no note");

    const history = await colleague.socket.emitWithAck("session.history", { session_id: held.chat.session_id });
    assert.equal(history.success, true);
    assert.deepEqual(history.notes, [note]);
    assert.ok(!history.messages.some((m: { body: string }) => m.body === body), "a note is never a message");

    const listed = await getNotes("manager@both.test", held.chat.session_id);
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body, { notes: [note] });
  });

  it("any member may add a note on any chat of the business, over HTTP too: 201, then 200 with the same note for a retry", async () => {
    const watcher = await workspaceSocket(stack, (await newAgent(stack, "acme")).email, "acme");
    const waiting = await startChat(stack, "acme", { message: "Is anyone there?" });

    const created = await postNote("manager@both.test", waiting.session_id, { body: "Spam? Same text from three addresses today.", client_message_id: "http-note-1" });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const note = (created.body as { note: SessionNoteWire }).note;
    assert.equal(note.author?.name, (await db().user.findUniqueOrThrow({ where: { email: "manager@both.test" } })).name);
    await watcher.recorder.waitFor((e) => e.event === "session.note_added" && e.payload.note.id === note.id, "the HTTP note, live");

    const retried = await postNote("manager@both.test", waiting.session_id, { body: "Spam? Same text from three addresses today.", client_message_id: "http-note-1" });
    assert.equal(retried.status, 200);
    assert.deepEqual(retried.body, { note });
    assert.equal(await storedNotes(waiting.session_id), 1);

    // An agent who does not hold it, on a chat that has ended.
    assert.equal((await chatApi(stack, "DELETE", `/api/v1/chat/${waiting.session_id}`, { token: waiting.session_token })).status, 200);
    const other = await confirmedAction(watcher, "session.note", { session_id: waiting.session_id, body: "They left before anyone answered.", client_message_id: "note-after-end" });
    assert.equal(other.confirmed?.success, true, JSON.stringify(other.confirmed));
    assert.deepEqual(
      ((await getNotes("manager@both.test", waiting.session_id)).body as { notes: SessionNoteWire[] }).notes.map((n) => n.body),
      ["Spam? Same text from three addresses today.", "They left before anyone answered."],
    );
  });

  it("another business's staff get the same not_found as for a missing chat, store nothing and see nothing", async () => {
    const held = await heldChat(stack, "Where is my refund?");
    const acmeNote = await confirmedAction(held.staff, "session.note", { session_id: held.chat.session_id, body: "Refund sent on Monday", client_message_id: "acme-note" });
    assert.equal(acmeNote.confirmed?.success, true);
    const globex = await workspaceSocket(stack, "agent@globex.test", "globex");

    for (const [what, sessionId] of Object.entries({ foreign: held.chat.session_id, missing: MISSING })) {
      const byGlobex = await confirmedAction(globex, "session.note", { session_id: sessionId, body: "Mine now", client_message_id: `probe-${what}` });
      assert.deepEqual(byGlobex.confirmed?.error, { code: "not_found", message: "Chat session not found." });
      const history = await globex.socket.emitWithAck("session.history", { session_id: sessionId });
      assert.deepEqual(history, { success: false, error: { code: "not_found", message: "Chat session not found." } });
    }
    const foreign = await getNotes("owner@globex.test", held.chat.session_id, stack.ids.globex);
    const missing = await getNotes("owner@globex.test", MISSING, stack.ids.globex);
    assert.equal(foreign.status, 404);
    assert.deepEqual(foreign, missing);
    assert.deepEqual(await postNote("owner@globex.test", held.chat.session_id, { body: "Mine now", client_message_id: "probe-http" }, stack.ids.globex), {
      status: 404,
      body: { error: { code: "not_found", message: "Chat session not found." } },
    });
    const notMember = await getNotes("owner@globex.test", held.chat.session_id, stack.ids.acme);
    assert.deepEqual(notMember, { status: 404, body: { error: { code: "not_found", message: "Business not found." } } });
    assert.equal(await storedNotes(held.chat.session_id), 1);

    // Globex's own note as the barrier: every earlier push to that socket has arrived.
    const globexChat = await startChat(stack, "globex", { message: "Hello from Globex" });
    const own = await confirmedAction(globex, "session.note", { session_id: globexChat.session_id, body: "Globex's own note", client_message_id: "globex-note" });
    await globex.recorder.waitFor((e) => e.event === "session.note_added" && e.payload.note.id === own.confirmed?.note.id, "globex's own note");
    assert.ok(!mentions(globex, "Refund sent on Monday") && !mentions(globex, held.chat.session_id), "nothing of Acme's note reached Globex");
  });

  it("refuses bad notes with validation_error naming the field, over the socket and HTTP, and stores nothing", async () => {
    const held = await heldChat(stack, "Bad notes");
    const sessionId = held.chat.session_id;
    const cases: [string, Record<string, unknown>, Record<string, string[]>][] = [
      ["empty body", { body: "   ", client_message_id: "bad-1" }, { body: ["note must not be empty"] }],
      ["body too long", { body: "x".repeat(MESSAGE_MAX_LENGTH + 1), client_message_id: "bad-2" }, { body: [`note must be at most ${MESSAGE_MAX_LENGTH} characters`] }],
      ["body not text", { body: 42, client_message_id: "bad-3" }, { body: ["Invalid input: expected string, received number"] }],
      ["no client_message_id", { body: "Hello" }, { client_message_id: ["Invalid input: expected string, received undefined"] }],
      ["NUL in the body", { body: "a\u0000b", client_message_id: "bad-5" }, { body: ["must not contain NUL characters or unpaired UTF-16 surrogates"] }],
    ];
    for (const [what, fields, expected] of cases) {
      const ack = await held.staff.socket.emitWithAck("session.note", { session_id: sessionId, ...fields });
      assert.equal(ack.success, false, what);
      assert.equal(ack.error.code, "validation_error", what);
      assert.deepEqual(ack.error.fields, expected, `socket: ${what}`);
      const answer = await postNote("manager@both.test", sessionId, fields);
      assert.equal(answer.status, 400, what);
      assert.deepEqual((answer.body as { error: { fields: unknown } }).error.fields, expected, `HTTP: ${what}`);
    }
    const notAnId = await held.staff.socket.emitWithAck("session.note", { session_id: "not-an-id", body: "Hello", client_message_id: "bad-6" });
    assert.deepEqual(notAnId.error.fields, { session_id: ["session_id must be an id"] });
    const unknownKey = await held.staff.socket.emitWithAck("session.note", { session_id: sessionId, body: "Hello", client_message_id: "bad-7", visibility: "public" });
    assert.equal(unknownKey.error.code, "validation_error");
    const oversized = await postNote("manager@both.test", sessionId, { body: "x".repeat(20_000), client_message_id: "bad-8" });
    assert.equal(oversized.status, 413);
    assert.equal(await storedNotes(sessionId), 0);
  });
});
