/**
 * Issue 16, conversation history and export: every filter of GET /api/v1/admin/conversations, full
 * text search with highlighted snippets, keyset pages, one conversation with its notes and
 * timeline (from a real claim → reply → note → transfer → close → rating), the CSV export (content,
 * CSV-injection safety, audit log) and transcripts (the customer's copy never has a private note).
 * Another business's conversation answers exactly like a missing one, and its messages never show
 * up in a search; an agent can read the history but neither export nor download.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { before, describe, it } from "node:test";
import * as listRoute from "../../app/api/v1/admin/conversations/route";
import * as detailRoute from "../../app/api/v1/admin/conversations/[id]/route";
import * as transcriptRoute from "../../app/api/v1/admin/conversations/[id]/transcript/route";
import * as exportRoute from "../../app/api/v1/admin/conversations/export.csv/route";
import type { ConversationDetail, ConversationPage } from "../../lib/contract/conversations";
import { EXPORT_COLUMNS } from "../../lib/conversations/conversation-export.server";
import { createChatSession, createCustomer } from "../../lib/seed/factories.server";
import { sessionTokenFor } from "../support/auth-tokens";
import { chatApi, confirmedAction, newAgent, startChat, withoutDemoAssistants, workspaceSocket } from "../support/live-chat";
import { APP_URL, callRoute, useStaffRoutes, type RouteHandler } from "../support/staff-routes";
import { useTestStack } from "../support/test-stack";
import { sessionCookie } from "../support/auth-tokens";
import { NextRequest } from "next/server";

const MISSING = "00000000-0000-4000-8000-000000000000";
const handler = (route: unknown) => route as RouteHandler;
const DAY = 24 * 60 * 60 * 1000;

/** A word no demo message has: each test's fixtures carry their own. */
const word = (label: string) => `${label}${randomUUID().slice(0, 8)}`;

describe("conversation history: filters, search, timeline, export and transcripts", () => {
  const stack = useTestStack();
  withoutDemoAssistants(stack);
  useStaffRoutes(stack);
  const db = () => stack.database.db;
  const tokens: Record<string, string> = {};

  before(async () => {
    for (const email of ["owner@acme.test", "manager@both.test", "agent@acme.test", "owner@globex.test"]) tokens[email] = await sessionTokenFor(db(), email);
  });

  const get = (route: unknown, email: string, path: string, params: Record<string, string> = {}) => callRoute(handler(route), { method: "GET", path, params, token: tokens[email] });
  const list = async (query: string, email = "manager@both.test", company = stack.ids.acme) => {
    const answer = await get(listRoute.GET, email, `/api/v1/admin/conversations?company_id=${company}&${query}`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body as ConversationPage;
  };
  const ids = (page: ConversationPage) => page.conversations.map((c) => c.id);

  /** A conversation of `slug` written straight to the database (the factories), with what the filters look at. */
  async function fixture(
    slug: string,
    options: { body: string; name?: string; status?: "CLOSED" | "ABANDONED" | "ACTIVE"; queued?: boolean; agentId?: string | null; score?: number; comment?: string; createdAt?: Date },
  ) {
    const businessId = stack.ids[slug];
    const customer = await createCustomer(db(), { businessId, name: options.name ?? "Fixture Customer", email: `${randomUUID()}@example.test` });
    const createdAt = options.createdAt ?? new Date();
    const status = options.status ?? "CLOSED";
    const queued = options.queued ?? status !== "CLOSED";
    return createChatSession(db(), {
      businessId,
      customerId: customer.id,
      status,
      createdAt,
      queuedAt: queued ? new Date(createdAt.getTime() + 1000) : null,
      assignedAgentId: options.agentId ?? null,
      assignedAt: options.agentId ? new Date(createdAt.getTime() + 2000) : null,
      handoffReason: queued ? "Customer asked for a person" : null,
      messages: [
        { author: "CUSTOMER", body: options.body, createdAt: new Date(createdAt.getTime() + 500) },
        { author: "ASSISTANT", body: "Let me look into that for you.", createdAt: new Date(createdAt.getTime() + 600) },
      ],
      rating: options.score ? { score: options.score, comment: options.comment ?? null } : undefined,
    });
  }

  it("search finds a word in any message, highlighted as text parts; the same word in another business never shows", async () => {
    const needle = word("parcel");
    const acme = await fixture("acme", { body: `Where is my ${needle}? <img src=x onerror=alert(1)> Order #4521, please.` });
    const globex = await fixture("globex", { body: `Globex also has ${needle} in a message` });

    const found = await list(`q=${needle}`);
    assert.deepEqual(ids(found), [acme.id]);
    const [hit] = found.conversations;
    assert.equal(hit.snippets.length, 1);
    assert.deepEqual(
      hit.snippets[0].parts.filter((part) => part.match),
      [{ text: needle, match: true }],
    );
    assert.ok(
      hit.snippets[0].parts.some((part) => !part.match && part.text.includes("<img src=x onerror=alert(1)>")),
      "markup in a message stays text",
    );
    assert.equal(hit.preview, `Where is my ${needle}? <img src=x onerror=alert(1)> Order #4521, please.`);

    assert.deepEqual(ids(await list(`q=${needle}`, "manager@both.test", stack.ids.globex)), [globex.id]);
    assert.deepEqual(ids(await list(`q=${needle}`, "owner@acme.test")), [acme.id]);
    assert.deepEqual(ids(await list(`q="where is my ${needle}"`)), [acme.id], "a phrase");
    assert.deepEqual(ids(await list(`q=where -${needle} ${needle}`)), [], "web-search syntax: a word excluded");
    assert.deepEqual(ids(await list(`q=${needle.toUpperCase()}`)), [acme.id], "case-insensitive");
  });

  it("each filter narrows: status, agent, tag (id or name), date range, CSAT scores, outcome; combined with search", async () => {
    const needle = word("filter");
    const agent = await newAgent(stack, "acme", { name: "Filter Agent" });
    const old = await fixture("acme", { body: `${needle} old one`, createdAt: new Date(Date.now() - 40 * DAY), score: 5 });
    const resolved = await fixture("acme", { body: `${needle} resolved by the bot`, score: 4 });
    const handled = await fixture("acme", { body: `${needle} handled`, queued: true, agentId: agent.agentId, score: 1, comment: "Slow" });
    const abandoned = await fixture("acme", { body: `${needle} left`, status: "ABANDONED" });
    const tag = await db().tag.create({ data: { businessId: stack.ids.acme, name: `vip-${needle}`.toLowerCase(), color: "amber" } });
    await db().sessionTag.create({ data: { businessId: stack.ids.acme, sessionId: handled.id, tagId: tag.id } });

    const all = [abandoned.id, handled.id, resolved.id, old.id];
    assert.deepEqual(ids(await list(`q=${needle}`)), all, "newest first");
    assert.deepEqual(ids(await list(`q=${needle}&status=ABANDONED`)), [abandoned.id]);
    assert.deepEqual(ids(await list(`q=${needle}&status=ABANDONED,CLOSED`)), all);
    assert.deepEqual(ids(await list(`q=${needle}&agent_id=${agent.agentId}`)), [handled.id]);
    assert.deepEqual(ids(await list(`q=${needle}&tag=${tag.id}`)), [handled.id]);
    assert.deepEqual(ids(await list(`q=${needle}&tag=${tag.name.toUpperCase()}`)), [handled.id], "a tag by name");
    assert.deepEqual(ids(await list(`q=${needle}&tag=no-such-tag`)), []);
    const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
    assert.deepEqual(ids(await list(`q=${needle}&from=${day(-2)}`)), [abandoned.id, handled.id, resolved.id]);
    assert.deepEqual(ids(await list(`q=${needle}&to=${day(-30)}`)), [old.id], "to includes its whole day");
    assert.deepEqual(ids(await list(`q=${needle}&from=${day(-41)}&to=${day(-39)}`)), [old.id]);
    assert.deepEqual(ids(await list(`q=${needle}&csat=4,5`)), [resolved.id, old.id]);
    assert.deepEqual(ids(await list(`q=${needle}&csat=1`)), [handled.id]);
    assert.deepEqual(ids(await list(`q=${needle}&outcome=assistant_resolved`)), [resolved.id, old.id]);
    assert.deepEqual(ids(await list(`q=${needle}&outcome=handed_off`)), [abandoned.id, handled.id]);
    assert.deepEqual(ids(await list(`q=${needle}&outcome=handed_off&csat=1&agent_id=${agent.agentId}&tag=${tag.id}&status=CLOSED`)), [handled.id]);

    const [row] = (await list(`q=${needle}&agent_id=${agent.agentId}`)).conversations;
    assert.equal(row.agent?.display_name, "Filter Agent");
    assert.deepEqual(row.rating, { score: 1, comment: "Slow" });
    assert.deepEqual(row.tags, [{ id: tag.id, name: tag.name, color: "amber" }]);
    assert.equal(row.outcome, "handed_off");
    assert.equal(row.message_count, 2);
  });

  it("pages are keyset cursors, newest first: no row twice, none missed", async () => {
    const needle = word("paged");
    const created: string[] = [];
    for (let i = 0; i < 30; i++) created.push((await fixture("acme", { body: `${needle} number ${i}`, createdAt: new Date(Date.now() - i * 60_000) })).id);
    const first = await list(`q=${needle}`);
    assert.equal(first.conversations.length, 25);
    assert.ok(first.next_cursor);
    const second = await list(`q=${needle}&cursor=${encodeURIComponent(first.next_cursor!)}`);
    assert.equal(second.next_cursor, null);
    assert.deepEqual([...ids(first), ...ids(second)], created);
  });

  it("bad filters answer 400 validation_error naming the fields; odd values never a 5xx", async () => {
    const refused = await get(listRoute.GET, "owner@acme.test", `/api/v1/admin/conversations?company_id=${stack.ids.acme}&status=OPEN&csat=9&q=${"x".repeat(201)}`);
    assert.equal(refused.status, 400);
    const error = (refused.body as { error: { code: string; fields: Record<string, string[]> } }).error;
    assert.equal(error.code, "validation_error");
    assert.deepEqual(Object.keys(error.fields).sort(), ["csat.0", "q", "status.0"]);

    const junk = ["%00", "%ED%A0%80", '\'; DROP TABLE "ChatSession" --', "\u202e", "😀", "a".repeat(5000), "__proto__", ":*", "!!!", "&", "(", '"', "-", "or", "<->"];
    for (const key of ["q", "status", "agent_id", "tag", "from", "to", "csat", "outcome", "cursor"]) {
      for (const value of junk) {
        const path = `/api/v1/admin/conversations?company_id=${stack.ids.acme}&${key}=${value.startsWith("%") ? value : encodeURIComponent(value)}`;
        for (const route of [listRoute.GET, exportRoute.GET]) {
          const answer = await get(route, "owner@acme.test", path);
          assert.ok(answer.status === 200 || answer.status === 400, `${key}=${value}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
        }
      }
    }
  });

  /** A chat that went through the whole life: queued, claimed, replied, noted, transferred, closed, rated. */
  async function livedChat(note: string) {
    const first = await newAgent(stack, "acme", { name: `First ${randomUUID().slice(0, 4)}` });
    const second = await newAgent(stack, "acme", { name: `Second ${randomUUID().slice(0, 4)}` });
    const firstSocket = await workspaceSocket(stack, first.email, "acme");
    const secondSocket = await workspaceSocket(stack, second.email, "acme");
    const chat = await startChat(stack, "acme", { customer: { name: "Dana Fox" }, message: "My order 4521 never arrived" });
    const act = async (staff: typeof firstSocket, event: string, payload: Record<string, unknown>) => {
      const result = await confirmedAction(staff, event, { session_id: chat.session_id, ...payload });
      assert.equal(result.confirmed?.success, true, `${event}: ${JSON.stringify(result)}`);
    };
    await act(firstSocket, "queue.claim", { request_id: randomUUID() });
    await act(firstSocket, "session.send", { body: "Sorry about that, checking now.", client_message_id: randomUUID() });
    await act(firstSocket, "session.note", { body: note, client_message_id: randomUUID() });
    await act(firstSocket, "session.transfer", { agent_id: second.agentId, request_id: randomUUID() });
    await act(secondSocket, "session.close", { request_id: randomUUID() });
    const rated = await chatApi(stack, "POST", `/api/v1/chat/${chat.session_id}/rating`, { token: chat.session_token, body: { score: 2, comment: "Took a while" } });
    assert.equal(rated.status, 201, JSON.stringify(rated.body));
    firstSocket.socket.close();
    secondSocket.socket.close();
    return { chat, first, second };
  }

  it("one conversation: every message, the team's notes, and a timeline of what happened and who did it", async () => {
    const note = `Refund approved by Sam ${randomUUID()}`;
    const { chat, first, second } = await livedChat(note);
    const answer = await get(detailRoute.GET, "agent@acme.test", `/api/v1/admin/conversations/${chat.session_id}?company_id=${stack.ids.acme}`, { id: chat.session_id });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const detail = answer.body as ConversationDetail;
    assert.deepEqual(
      detail.messages.filter((m) => m.author !== "SYSTEM").map((m) => m.body),
      ["My order 4521 never arrived", "Sorry about that, checking now."],
    );
    assert.deepEqual(
      detail.notes.map((n) => n.body),
      [note],
    );
    assert.deepEqual(
      detail.timeline.map((event) => event.kind),
      ["created", "queued", "claimed", "first_response", "transferred", "closed", "rated"],
    );
    const byKind = Object.fromEntries(detail.timeline.map((event) => [event.kind, event]));
    assert.equal(byKind.claimed.agent, first.displayName);
    assert.deepEqual([byKind.transferred.from_agent, byKind.transferred.agent, byKind.transferred.actor], [first.displayName, second.displayName, first.displayName]);
    assert.equal(byKind.closed.actor, second.displayName);
    assert.deepEqual([byKind.rated.score, byKind.rated.detail], [2, "Took a while"]);
    assert.equal(detail.conversation.agent?.display_name, second.displayName);
    assert.deepEqual(detail.conversation.rating, { score: 2, comment: "Took a while" });
  });

  it("another business's conversation, a missing one and a junk id answer the same 404 (detail and transcript); so does a business one is not a member of", async () => {
    const globex = await fixture("globex", { body: "Globex secret" });
    const acme = await fixture("acme", { body: "Acme conversation" });
    const answers = [];
    for (const id of [globex.id, MISSING, "not-a-uuid"]) {
      answers.push(await get(detailRoute.GET, "owner@acme.test", `/api/v1/admin/conversations/${id}?company_id=${stack.ids.acme}`, { id }));
      answers.push(await get(transcriptRoute.GET, "owner@acme.test", `/api/v1/admin/conversations/${id}/transcript?company_id=${stack.ids.acme}`, { id }));
    }
    for (const answer of answers) assert.deepEqual(answer, { status: 404, body: { error: { code: "not_found", message: "Conversation not found." } } });

    const foreign = [
      await get(listRoute.GET, "owner@globex.test", `/api/v1/admin/conversations?company_id=${stack.ids.acme}`),
      await get(detailRoute.GET, "owner@globex.test", `/api/v1/admin/conversations/${acme.id}?company_id=${stack.ids.acme}`, { id: acme.id }),
      await get(exportRoute.GET, "owner@globex.test", `/api/v1/admin/conversations/export.csv?company_id=${stack.ids.acme}`),
      await get(listRoute.GET, "owner@globex.test", `/api/v1/admin/conversations?company_id=${MISSING}`),
    ];
    for (const answer of foreign) assert.deepEqual(answer, { status: 404, body: { error: { code: "not_found", message: "Business not found." } } });
    // Their own business: the Acme id is just missing there.
    const own = await get(detailRoute.GET, "owner@globex.test", `/api/v1/admin/conversations/${acme.id}?company_id=${stack.ids.globex}`, { id: acme.id });
    assert.equal(own.status, 404);
  });

  it("an agent reads the history but may neither export nor download a transcript (403)", async () => {
    const acme = await fixture("acme", { body: "Agent may read this" });
    assert.equal((await get(listRoute.GET, "agent@acme.test", `/api/v1/admin/conversations?company_id=${stack.ids.acme}`)).status, 200);
    assert.equal((await get(detailRoute.GET, "agent@acme.test", `/api/v1/admin/conversations/${acme.id}?company_id=${stack.ids.acme}`, { id: acme.id })).status, 200);
    const exported = await get(exportRoute.GET, "agent@acme.test", `/api/v1/admin/conversations/export.csv?company_id=${stack.ids.acme}`);
    const transcript = await get(transcriptRoute.GET, "agent@acme.test", `/api/v1/admin/conversations/${acme.id}/transcript?company_id=${stack.ids.acme}`, { id: acme.id });
    for (const answer of [exported, transcript]) assert.deepEqual(answer, { status: 403, body: { error: { code: "forbidden", message: "Your role does not allow this." } } });
    assert.equal(await db().auditLog.count({ where: { action: { startsWith: "conversations." }, actorUserId: (await db().user.findUniqueOrThrow({ where: { email: "agent@acme.test" } })).id } }), 0);
  });

  /** The export as the browser gets it: headers, and the body read to its end. */
  async function exportCsv(query: string, email = "owner@acme.test") {
    const request = new NextRequest(new URL(`/api/v1/admin/conversations/export.csv?company_id=${stack.ids.acme}&${query}`, APP_URL), { headers: { cookie: sessionCookie(tokens[email]) } });
    const response = await handler(exportRoute.GET)(request, { params: Promise.resolve({}) });
    return { response, text: await response.text() };
  }

  /** RFC 4180 rows (quoted fields may hold commas, quotes and line breaks). */
  function parseCsv(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let field = "";
    let quoted = false;
    const endField = () => {
      row.push(field);
      field = "";
    };
    for (let i = 0; i < text.length; i++) {
      const char = text[i];
      if (quoted && char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = !quoted;
      } else if (!quoted && char === ",") {
        endField();
      } else if (!quoted && char === "\r" && text[i + 1] === "\n") {
        endField();
        rows.push(row);
        row = [];
        i++;
      } else {
        field += char;
      }
    }
    assert.equal(field + row.join(""), "", "the CSV ends with a complete row");
    return rows;
  }

  it("export: one CSV row per filtered conversation with every column, formula-safe, audit-logged with filters and row count", async () => {
    const needle = word("export");
    const agent = await newAgent(stack, "acme", { name: "Export Agent" });
    const evil = await fixture("acme", {
      body: `${needle} =cmd|' /C calc'!A0`,
      name: '=HYPERLINK("http://evil.example","click")',
      queued: true,
      agentId: agent.agentId,
      score: 3,
      comment: 'Fine, "mostly"\nthanks',
    });
    const bot = await fixture("acme", { body: `${needle} bot only`, name: "Plain Name" });
    await fixture("globex", { body: `${needle} elsewhere` });

    const { response, text } = await exportCsv(`q=${needle}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "text/csv; charset=utf-8");
    assert.match(response.headers.get("content-disposition") ?? "", /^attachment; filename="conversations-acme-\d{4}-\d{2}-\d{2}\.csv"$/);
    assert.equal(response.headers.get("x-row-count"), "2");
    const [header, ...rows] = parseCsv(text);
    assert.deepEqual(header, [...EXPORT_COLUMNS]);
    assert.deepEqual(
      rows.map((row) => row[0]),
      [bot.id, evil.id],
    );
    const record = Object.fromEntries(header.map((name, i) => [name, rows[1][i]]));
    assert.equal(record.customer_name, '\'=HYPERLINK("http://evil.example","click")', "a formula-like cell is defused");
    assert.equal(record.csat_comment, 'Fine, "mostly"\nthanks');
    assert.equal(record.csat_score, "3");
    assert.equal(record.status, "CLOSED");
    assert.equal(record.agents, "Export Agent");
    assert.equal(record.assigned_agent, "Export Agent");
    assert.equal(record.outcome, "handed_off");
    assert.equal(record.handoff_reason, "Customer asked for a person");
    assert.equal(record.wait_seconds, "1");
    assert.deepEqual([record.customer_messages, record.assistant_messages, record.agent_messages, record.system_messages], ["1", "1", "0", "0"]);
    assert.equal(record.created_at, evil.createdAt.toISOString());
    const botRecord = Object.fromEntries(header.map((name, i) => [name, rows[0][i]]));
    assert.deepEqual([botRecord.outcome, botRecord.queued_at, botRecord.wait_seconds, botRecord.csat_score], ["assistant_resolved", "", "", ""]);

    const owner = await db().user.findUniqueOrThrow({ where: { email: "owner@acme.test" } });
    const audit = await db().auditLog.findFirstOrThrow({ where: { businessId: stack.ids.acme, action: "conversations.exported", actorUserId: owner.id }, orderBy: { createdAt: "desc" } });
    assert.equal(audit.target, stack.ids.acme);
    assert.deepEqual((audit.meta as { filters: unknown }).filters, { q: needle });
    assert.equal((audit.meta as { row_count: number }).row_count, 2);

    const none = await exportCsv(`q=${needle}&status=ACTIVE`);
    assert.equal(none.text, `${EXPORT_COLUMNS.join(",")}\r\n`, "no match: the header only");
    assert.equal((await exportCsv("cursor=x")).response.status, 400, "the export takes no cursor");
  });

  it("transcripts: the customer's copy never has a private note; the staff copy labels each one; every download is audit-logged", async () => {
    const note = `Internal: customer is on the watch list ${randomUUID()}`;
    const { chat } = await livedChat(note);
    const transcript = async (query: string) => {
      const answer = await callRoute(handler(transcriptRoute.GET), {
        method: "GET",
        path: `/api/v1/admin/conversations/${chat.session_id}/transcript?company_id=${stack.ids.acme}&${query}`,
        params: { id: chat.session_id },
        token: tokens["manager@both.test"],
      });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
    };
    for (const query of ["", "format=txt", "format=json", "format=json&audience=customer"]) {
      const body = await transcript(query);
      assert.ok(body.includes("My order 4521 never arrived"), `${query}: has the conversation`);
      assert.ok(!body.includes(note) && !body.includes("watch list"), `${query}: no private note`);
      assert.ok(!body.includes("Customer asked for a person") && !body.toLowerCase().includes("handoff"), `${query}: nothing internal`);
    }
    const staffText = await transcript("audience=staff");
    assert.match(staffText, new RegExp(`PRIVATE NOTE by [^\\n]+ \\(staff only\\): ${note}`));
    assert.match(staffText, /^STAFF COPY/m);
    const staffJson = JSON.parse(await transcript("format=json&audience=staff")) as ConversationDetail & { audience: string };
    assert.equal(staffJson.audience, "staff");
    assert.deepEqual(
      staffJson.notes.map((n) => n.body),
      [note],
    );

    const request = new NextRequest(new URL(`/api/v1/admin/conversations/${chat.session_id}/transcript?company_id=${stack.ids.acme}&format=json`, APP_URL), {
      headers: { cookie: sessionCookie(tokens["manager@both.test"]) },
    });
    const response = await handler(transcriptRoute.GET)(request, { params: Promise.resolve({ id: chat.session_id }) });
    assert.equal(response.headers.get("content-disposition"), `attachment; filename="conversation-${chat.session_id}.json"`);
    assert.equal(response.headers.get("content-type"), "application/json; charset=utf-8");

    const audits = await db().auditLog.findMany({ where: { businessId: stack.ids.acme, action: "conversations.transcript_downloaded", target: chat.session_id }, orderBy: { createdAt: "asc" } });
    assert.equal(audits.length, 7);
    assert.deepEqual(audits[4].meta, { format: "txt", audience: "staff" });
    assert.equal((await transcriptQueryRefused(chat.session_id)).status, 400);
  });

  const transcriptQueryRefused = (id: string) => get(transcriptRoute.GET, "owner@acme.test", `/api/v1/admin/conversations/${id}/transcript?company_id=${stack.ids.acme}&format=pdf`, { id });
});
