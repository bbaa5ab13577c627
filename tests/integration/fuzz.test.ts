/**
 * Fuzz over every HTTP route and every socket event: wrong types at each field, missing fields,
 * strings past the limits, deep nesting, `__proto__`/`constructor`/`prototype` keys, awkward
 * unicode (NUL, lone surrogates, RTL overrides, emoji, combining marks) and payloads that are not
 * objects at all. No answer may be a status ≥ 500 or an `internal_error`, every ack must arrive,
 * and afterwards the server must be healthy and `Object.prototype` untouched.
 *
 * Every new route or socket event gets a place here: the route handlers are found by globbing
 * app/api/**\/route.ts and the events come from the payload schema tables (dashboardPayloads,
 * agentActionPayloads, chatPayloads), so one without an entry below fails this file. Deterministic:
 * the cases are enumerated, nothing is random.
 */
import assert from "node:assert/strict";
import { systemScope } from "../../lib/tenancy/memberships.server";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { createLocalFileStore } from "../../lib/files/file-store.server";
import type { Socket } from "socket.io-client";
import { agentActionPayloads } from "../../lib/contract/staff";
import { chatPayloads } from "../../lib/contract/customer-chat";
import { createArticle } from "../../lib/knowledge/articles.server";
import { createTag } from "../../lib/tags/tag-list.server";
import { createSavedReply } from "../../lib/replies/saved-replies.server";
import { createEndpoint, sendTestEvent } from "../../lib/webhooks/webhook-endpoints.server";
import { DEFAULT_WEBHOOK_CONFIG } from "../../lib/webhooks/webhook-settings.server";
import type { WebhookEventType } from "../../lib/contract/webhooks";
import { dashboardPayloads } from "../../lib/contract/dashboard";
import { sessionTokenFor } from "../support/auth-tokens";
import type { recordEvents } from "../support/event-recorder";
import { eventually } from "../support/eventually";
import { chatApi, confirmedAction, customerSocket, dashboardSocket, newAgent, startChat, withoutDemoAssistants, workspaceSocket } from "../support/live-chat";
import { callRoute, useLoginThrottle, useStaffRoutes, type RouteHandler } from "../support/staff-routes";
import { randomUUID } from "node:crypto";
import { createInvite } from "../../lib/team/invites.server";
import { createLogger } from "../../lib/observability/logger";
import { newRandomToken } from "../../lib/server/random-token.server";
import { DEMO_PASSWORD } from "../../lib/seed/demo-data.server";
import { useTestStack } from "../support/test-stack";

const ACK_TIMEOUT_MS = 10_000;
const MISSING = "00000000-0000-4000-8000-000000000000";

// ---- Mutations -------------------------------------------------------------------------------

/** One thing to send: `payload` is JSON-able; `json` is raw JSON text (nesting JSON.stringify cannot produce); neither = nothing. */
interface Variant {
  label: string;
  payload?: unknown;
  json?: string;
  /** Socket only: further arguments before the ack. */
  extra?: unknown[];
}

const UNICODE: Record<string, string> = {
  NUL: "\u0000",
  "embedded NUL": "a\u0000b",
  "lone high surrogate": "\ud800",
  "lone low surrogate": "x\udfff",
  "RTL override": "\u202egnp.exe\u202c",
  emoji: "😀👍🏽🇺🇦",
  "combining marks": "e\u0301\u0302\u0303\u0304",
  "zero width and BOM": "\u200b\ufeff",
  "line separators": "\u2028\u2029\u0085",
};
const WRONG_TYPES: Record<string, unknown> = {
  number: 42,
  "negative float": -1.5,
  "huge number": 1e308,
  true: true,
  false: false,
  null: null,
  "empty array": [],
  array: ["x"],
  "empty object": {},
  object: { x: 1 },
  string: "x",
};
const HUGE: Record<string, string> = { "past the field limits": "x".repeat(4_001), "past every field limit": "é".repeat(21_000) };
/** Extra keys as raw JSON members (a literal `__proto__` key would set the prototype; computed, it is a key). */
const ODD_KEYS: Record<string, string> = {
  ["__proto__"]: '"__proto__":{"polluted":"yes"}',
  constructor: '"constructor":{"prototype":{"polluted":"yes"}}',
  prototype: '"prototype":{"polluted":"yes"}',
  "unknown key": '"unexpected":1',
  "NUL key": '"\\u0000":1',
};

const nestedArrays = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const DEEP = 10_000;

type Json = Record<string, unknown>;

const setAt = (value: Json, at: string[], replacement: unknown, remove = false): Json => {
  const copy = (Array.isArray(value) ? [...value] : { ...value }) as Json;
  const [head, ...rest] = at;
  if (rest.length) copy[head] = setAt(copy[head] as Json, rest, replacement, remove);
  else if (remove) delete copy[head];
  else copy[head] = replacement;
  return copy;
};

/** The sample with one raw JSON member added to the object at `at`. */
const withMember = (sample: Json, at: string[], member: string): unknown => {
  const target = at.reduce<Json>((object, key) => object[key] as Json, sample);
  const inner = JSON.stringify(target);
  const merged = JSON.parse(inner === "{}" ? `{${member}}` : `{${member},${inner.slice(1)}`) as Json;
  return at.length ? setAt(sample, at, merged) : merged;
};

/** Every mutation of a valid sample: per field, per object, and of the payload as a whole. */
function mutations(sample: Json): Variant[] {
  const variants: Variant[] = [];
  // Arrays are visited too: each element is a field.
  const visit = (object: Json, at: string[]) => {
    if (!Array.isArray(object)) for (const [key, odd] of Object.entries(ODD_KEYS)) variants.push({ label: `${at.join(".") || "payload"} + ${key}`, payload: withMember(sample, at, odd) });
    for (const [field, value] of Object.entries(object)) {
      const fieldPath = [...at, field];
      const name = fieldPath.join(".");
      variants.push({ label: `${name} missing`, payload: setAt(sample, fieldPath, undefined, true) });
      for (const [type, wrong] of Object.entries(WRONG_TYPES)) variants.push({ label: `${name} as ${type}`, payload: setAt(sample, fieldPath, wrong) });
      variants.push({ label: `${name} nested 1,000 deep`, payload: setAt(sample, fieldPath, JSON.parse(nestedArrays(1_000))) });
      if (typeof value === "string") {
        for (const [what, text] of Object.entries(UNICODE)) {
          variants.push({ label: `${name} + ${what}`, payload: setAt(sample, fieldPath, value + text) });
          variants.push({ label: `${name} = ${what}`, payload: setAt(sample, fieldPath, text) });
        }
        for (const [what, text] of Object.entries(HUGE)) variants.push({ label: `${name} ${what}`, payload: setAt(sample, fieldPath, text) });
      }
      if (value !== null && typeof value === "object") visit(value as Json, fieldPath);
    }
  };
  visit(sample, []);
  const first = Object.keys(sample)[0];
  variants.push(
    { label: "no payload" },
    { label: "a string", payload: "hello" },
    { label: "a number", payload: 42 },
    { label: "true", payload: true },
    { label: "null", payload: null },
    { label: "an empty array", payload: [] },
    { label: "the sample in an array", payload: [sample] },
    { label: `arrays nested ${DEEP} deep`, json: nestedArrays(DEEP) },
    { label: "an empty object", payload: {} },
    { label: "extra arguments", payload: sample, extra: ["extra", 3, { x: 1 }] },
  );
  if (first) variants.push({ label: `${first} nested 5,000 deep`, json: `{"${first}":${nestedArrays(5_000)}}` });
  return variants;
}

const describeVariant = (context: string, variant: Variant) => `${context}: ${variant.label}`;

// ---- Findings --------------------------------------------------------------------------------

const problems: string[] = [];
const short = (value: unknown) => JSON.stringify(value)?.slice(0, 200);

function checkStatus(what: string, status: number, body: unknown) {
  if (status >= 500) problems.push(`${what} → ${status} ${short(body)}`);
}

function checkAck(what: string, ack: unknown) {
  const answer = ack as { success?: unknown; error?: { code?: unknown } } | null;
  if (typeof answer?.success !== "boolean") problems.push(`${what} → malformed ack ${short(ack)}`);
  else if (!answer.success && (typeof answer.error?.code !== "string" || answer.error.code === "internal_error")) problems.push(`${what} → ${short(ack)}`);
}

// ---- Sockets ---------------------------------------------------------------------------------

let rawAckId = 1_000_000;

/** Emits with a raw JSON payload (written to the wire as is) and reads the ack off the wire. */
function emitJsonWithAck(socket: Socket, namespace: string, event: string, json: string): Promise<unknown> {
  const id = rawAckId++;
  const engine = socket.io.engine;
  const prefix = `3${namespace},${id}[`;
  return new Promise((resolve, reject) => {
    const onPacket = (packet: { type: string; data?: unknown }) => {
      if (packet.type !== "message" || typeof packet.data !== "string" || !packet.data.startsWith(prefix)) return;
      clearTimeout(timer);
      engine.off("packet", onPacket);
      resolve((JSON.parse(packet.data.slice(prefix.length - 1)) as unknown[])[0]);
    };
    const timer = setTimeout(() => {
      engine.off("packet", onPacket);
      reject(new Error("no ack"));
    }, ACK_TIMEOUT_MS);
    engine.on("packet", onPacket);
    engine.write(`2${namespace},${id}[${JSON.stringify(event)},${json}]`);
  });
}

async function emitVariant(socket: Socket, namespace: string, event: string, variant: Variant): Promise<unknown> {
  if (variant.json !== undefined) return emitJsonWithAck(socket, namespace, event, variant.json);
  const args = "payload" in variant ? [variant.payload, ...(variant.extra ?? [])] : [];
  return socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, ...args);
}

/** A connection of the fuzz, recording what it receives; `accepted` counts the events it acked with success. */
interface Connection {
  socket: Socket;
  recorder: ReturnType<typeof recordEvents>;
  accepted: number;
}

const isRateLimited = (ack: unknown) => (ack as { error?: { code?: string } } | null)?.error?.code === "rate_limited";

/**
 * Sends the event's sample and every mutation of it. Connections have an event budget: a variant
 * answered `rate_limited` is sent again on a fresh connection, so every variant reaches the
 * handler. Returns the connections used (still open).
 */
async function fuzzEvent(open: () => Promise<Connection>, namespace: string, event: string, sample: Json): Promise<Connection[]> {
  const connections = [await open()];
  const send = async (variant: Variant) => {
    let ack = await emitVariant(connections.at(-1)!.socket, namespace, event, variant);
    if (isRateLimited(ack)) {
      connections.push(await open());
      ack = await emitVariant(connections.at(-1)!.socket, namespace, event, variant);
    }
    if ((ack as { success?: boolean } | null)?.success) connections.at(-1)!.accepted++;
    return ack;
  };
  const baseline = (await send({ label: "the sample", payload: sample })) as { success: boolean; error?: { code: string } };
  assert.notEqual(baseline.error?.code, "validation_error", `${event}'s sample must be a valid payload: ${short(baseline)}`);
  checkAck(`${namespace} ${event} sample`, baseline);
  for (const variant of mutations(sample)) {
    const what = describeVariant(`${namespace} ${event}`, variant);
    try {
      checkAck(what, await send(variant));
    } catch (error) {
      problems.push(`${what} → ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return connections;
}

/** After an event's fuzz: nothing pushed an internal_error, every accepted optimistic action was confirmed, no connection was dropped. */
async function checkConnections(what: string, connections: Connection[], optimistic: boolean) {
  for (const { socket, recorder, accepted } of connections) {
    if (optimistic) {
      const confirmations = () => recorder.events.filter((e) => e.event === "dashboard.update_confirmed").length;
      await eventually(() => confirmations() >= accepted, ACK_TIMEOUT_MS, `${what}: ${accepted} confirmations`);
    }
    for (const received of recorder.events) {
      if (JSON.stringify(received.payload)?.includes('"internal_error"')) problems.push(`${what} → pushed ${received.event} ${short(received.payload)}`);
    }
    assert.ok(socket.connected, `${what}: the server kept the connection`);
    socket.disconnect();
  }
}

// ---- HTTP ------------------------------------------------------------------------------------

/** The body text of a variant (undefined = no body). */
const bodyOf = (variant: Variant) => variant.json ?? ("payload" in variant ? JSON.stringify(variant.payload) : undefined);

/** Raw bodies beyond what mutations() derives from a sample. */
const RAW_BODIES: Record<string, string> = {
  empty: "",
  "not JSON": "{not json",
  "truncated JSON": '{"a":',
  "past every body limit": JSON.stringify({ x: "x".repeat(70_000) }),
};

const JUNK_IDS: Record<string, string> = {
  "not a UUID": "not-a-uuid",
  "missing UUID": MISSING,
  number: "1",
  "SQL-ish": encodeURIComponent("x'; SELECT 1 --"),
  "encoded NUL": "%00",
  "encoded lone surrogate bytes": "%ED%A0%80",
  "encoded emoji": "%F0%9F%98%80",
  "encoded RTL override": "%E2%80%AE",
  ["__proto__"]: "__proto__",
  constructor: "constructor",
  "very long": "a".repeat(5_000),
};

/** A route handler file's sample request per exported method, from which the mutations are derived. */
interface RouteEntry {
  /** Query parameters of a valid request besides company_id (e.g. an upload's client_message_id and file_name). */
  query?: string;
  /** The path parameters of a valid request; called again after the sample, which may have used its target up (DELETE). */
  params?: () => Promise<Record<string, string>>;
  /** A body of a valid request, or how to make one (a fresh invitation's token, say). */
  methods: Record<string, { body?: Json | (() => Promise<Json>); sampleStatus?: number }>;
}

// ---- The test --------------------------------------------------------------------------------

describe("fuzz: every HTTP route and socket event refuses bad input with a 4xx, never a 5xx or a crash", () => {
  // Attachments on the local disk store in a folder of this run; a small limit, so the oversized bodies are refused.
  const attachmentsRoot = mkdtempSync(path.join(tmpdir(), "switchboard-fuzz-files-"));
  after(() => rmSync(attachmentsRoot, { recursive: true, force: true }));
  const stack = useTestStack({}, {}, { attachments: { store: createLocalFileStore(attachmentsRoot), maxBytes: 64 * 1024 } });
  // Chats queue for people, so staff actions have chats to act on (the staff routes, last, may switch it back on).
  withoutDemoAssistants(stack);
  useStaffRoutes(stack);
  useLoginThrottle(stack);
  const db = () => stack.database.db;
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  let globexArticleId = "";
  const newArticle = async () => {
    const owner = await db().user.findUniqueOrThrow({ where: { email: "owner@acme.test" } });
    return (await createArticle(db(), systemScope(stack.ids.acme, "tooling"), owner.id, { title: "Fuzz target", body: "Mutated by the fuzz." })).id;
  };

  let savedReplies = 0;
  const newSavedReply = async () => {
    const owner = await db().user.findUniqueOrThrow({ where: { email: "owner@acme.test" } });
    return (await createSavedReply(db(), systemScope(stack.ids.acme, "tooling"), owner.id, { title: "Fuzz target", shortcut: `fuzz-target-${++savedReplies}`, body: "Mutated by the fuzz." })).id;
  };

  /** A chat of Acme held by the owner's agent (the fuzz calls staff routes as the owner): replies and files can go there. */
  const chatHeldByOwner = async () => {
    const owner = await db().user.findUniqueOrThrow({ where: { email: "owner@acme.test" } });
    const agent =
      (await db().agent.findFirst({ where: { businessId: stack.ids.acme, userId: owner.id } })) ??
      (await db().agent.create({ data: { businessId: stack.ids.acme, userId: owner.id, kind: "HUMAN", displayName: owner.name, status: "ONLINE", capacity: 100 } }));
    const chat = await startChat(stack, "acme", { message: "Send me a file" });
    await db().chatSession.update({ where: { id: chat.session_id }, data: { status: "ACTIVE", assignedAgentId: agent.id, assignedAt: new Date() } });
    return chat.session_id;
  };

  let fuzzTags = 0;
  const newTag = async () => {
    const owner = await db().user.findUniqueOrThrow({ where: { email: "owner@acme.test" } });
    return (await createTag(db(), systemScope(stack.ids.acme, "tooling"), owner.id, { name: `fuzz target ${++fuzzTags}`, color: "blue" })).id;
  };

  // A public address literal: valid without the private-URL flag, and no DNS lookup.
  const webhookSample = { url: "https://93.184.216.34/hooks", events: ["conversation.created", "message.created"] as WebhookEventType[], description: "Fuzzed endpoint" };
  const newWebhook = async () => {
    const owner = await db().user.findUniqueOrThrow({ where: { email: "owner@acme.test" } });
    // The endpoints the fuzzed POSTs made go first: the business's limit must not refuse the target.
    await db().webhookEndpoint.deleteMany({ where: { businessId: stack.ids.acme } });
    return (await createEndpoint(db(), systemScope(stack.ids.acme, "tooling"), owner.id, { ...webhookSample, description: "Fuzz target" }, DEFAULT_WEBHOOK_CONFIG)).id;
  };
  /** A webhook delivery still scheduled (nothing sends here): its redelivery is refused with a 409 after validation. */
  const newWebhookDelivery = async () => {
    const id = await newWebhook();
    const { event_id } = await sendTestEvent(db(), systemScope(stack.ids.acme, "tooling"), id);
    return { id, deliveryId: (await db().webhookDelivery.findFirstOrThrow({ where: { eventId: event_id } })).id };
  };

  /** A new agent of Acme for the routes that act on a member (and may remove them). */
  const newMember = async () => ({ userId: (await newAgent(stack, "acme")).userId });
  const newInvite = async (email = `fuzz-${randomUUID()}@example.test`) => {
    const owner = await db().user.findUniqueOrThrow({ where: { email: "owner@acme.test" } });
    const created = await createInvite(db(), { ...systemScope(stack.ids.acme, "tooling"), role: "OWNER", userId: owner.id }, { email, role: "AGENT" }, { mailer: null, logger: createLogger("error") });
    return { id: created.invite.id, token: decodeURIComponent(created.invite_url.split("/").pop()!) };
  };
  const newResetToken = async () => {
    const { token, hash } = newRandomToken();
    const user = await db().user.findUniqueOrThrow({ where: { email: "maya@acme.test" } });
    await db().passwordReset.create({ data: { userId: user.id, tokenHash: hash, expiresAt: new Date(Date.now() + 3_600_000) } });
    return token;
  };
  // Every route handler file under app/api; `notHere` names why one cannot be called in this tier.
  const routes: Record<string, RouteEntry | { notHere: string }> = {
    "app/api/auth/[...nextauth]/route.ts": { notHere: "next-auth's handler reads next/headers, which needs Next's request context; sign-in is covered by the e2e tier" },
    "app/api/v1/admin/chat-dashboard/[widget]/route.ts": { params: async () => ({ widget: "overview" }), methods: { GET: {} } },
    "app/api/v1/admin/allowed-origins/route.ts": { methods: { GET: {}, PUT: { body: { allowed_origins: ["https://shop.example"] } } } },
    "app/api/v1/admin/assistant-settings/route.ts": { methods: { GET: {}, PUT: { body: { enabled: true } } } },
    "app/api/v1/admin/business-hours/route.ts": {
      methods: {
        GET: {},
        PUT: {
          body: {
            enabled: false,
            weekly: {
              mon: [
                { open: "09:00", close: "12:00" },
                { open: "13:00", close: "17:30" },
              ],
              tue: [{ open: "09:00", close: "24:00" }],
              wed: [],
              thu: [],
              fri: [],
              sat: [],
              sun: [],
            },
            holidays: [{ date: "2026-12-25", name: "Christmas" }],
          },
        },
      },
    },
    "app/api/v1/admin/identity/route.ts": { methods: { GET: {} } },
    "app/api/v1/admin/identity/secret/route.ts": { methods: { POST: { body: {} } } },
    "app/api/v1/admin/knowledge/articles/route.ts": { methods: { GET: {}, POST: { body: { title: "Fuzzed article", body: "A body to mutate." } } } },
    "app/api/v1/admin/knowledge/articles/[id]/route.ts": {
      params: async () => ({ id: await newArticle() }),
      methods: { GET: {}, PATCH: { body: { title: "Fuzzed title", body: "Fuzzed body." } }, DELETE: {} },
    },
    // The demo database is set up already: the sample is refused as in production, after validation, so the mutations test the parser.
    "app/api/v1/setup/route.ts": {
      methods: {
        POST: { sampleStatus: 404, body: { name: "Fuzz Owner", email: "fuzz-owner@example.test", password: "a long fuzz password", business: { name: "Fuzz Co", timezone: "UTC", currency: "USD" } } },
      },
    },
    "app/api/v1/invites/accept/route.ts": { methods: { POST: { body: async () => ({ token: (await newInvite()).token, name: "Fuzz Invitee", password: "a long fuzz password" }) } } },
    // No SMTP here: refused after validation (409), as on an installation without email.
    "app/api/v1/password-reset/route.ts": { methods: { POST: { sampleStatus: 409, body: { email: "maya@acme.test" } } } },
    "app/api/v1/password-reset/complete/route.ts": { methods: { POST: { body: async () => ({ token: await newResetToken(), password: "a long fuzz password" }) } } },
    "app/api/v1/admin/businesses/route.ts": { methods: { GET: {}, POST: { body: { name: "Fuzz Co", timezone: "UTC", currency: "USD" } } } },
    "app/api/v1/admin/business/route.ts": { methods: { GET: {}, PATCH: { body: { legal_name: "Acme Support Ltd.", brand_color: "#112233", routing: "manual", default_capacity: 3 } } } },
    "app/api/v1/admin/team/route.ts": { methods: { GET: {} } },
    "app/api/v1/admin/team/[userId]/route.ts": { params: newMember, methods: { PATCH: { body: { role: "AGENT", capacity: 4 } }, DELETE: {} } },
    "app/api/v1/admin/team/[userId]/password-reset/route.ts": { params: newMember, methods: { POST: {} } },
    "app/api/v1/admin/invites/route.ts": { methods: { POST: { body: { email: "fuzz-invite@example.test", role: "AGENT" } } } },
    "app/api/v1/admin/invites/[id]/route.ts": { params: async () => ({ id: (await newInvite()).id }), methods: { DELETE: {} } },
    "app/api/v1/admin/account/route.ts": { methods: { GET: {}, PATCH: { body: { name: "Olivia Park" } } } },
    "app/api/v1/admin/account/email/route.ts": { methods: { PUT: { body: { email: "owner@acme.test", current_password: DEMO_PASSWORD } } } },
    "app/api/v1/admin/account/password/route.ts": { methods: { PUT: { body: { current_password: DEMO_PASSWORD, new_password: DEMO_PASSWORD } } } },
    // Each sample POST needs a shortcut of its own (a repeat is a 409), hence the counter.
    "app/api/v1/admin/saved-replies/route.ts": { methods: { GET: {}, POST: { body: async () => ({ title: "Fuzzed reply", shortcut: `fuzz-${++savedReplies}`, body: "Hi {{customer.name}}" }) } } },
    "app/api/v1/admin/saved-replies/[id]/route.ts": {
      params: async () => ({ id: await newSavedReply() }),
      methods: { GET: {}, PATCH: { body: async () => ({ title: "Fuzzed title", shortcut: `fuzz-${++savedReplies}`, body: "Fuzzed body." }) }, DELETE: {} },
    },
    // The body is the file's bytes (as for a message's file): the JSON sample and its mutations arrive as text files.
    "app/api/v1/admin/saved-replies/[id]/attachment/route.ts": {
      query: "file_name=fuzz.txt",
      params: async () => ({ id: await newSavedReply() }),
      methods: { PUT: { body: { text: "The content of a fuzzed saved reply's file" } }, DELETE: {} },
    },
    // The body is the file's bytes: the JSON sample and its mutations arrive as text files (or are refused by kind or size).
    "app/api/v1/admin/sessions/[id]/attachments/route.ts": {
      query: "client_message_id=fuzz-upload&file_name=fuzz.txt&caption=Fuzzed",
      params: async () => ({ id: await chatHeldByOwner() }),
      methods: { POST: { body: { text: "The content of a fuzzed text file" } } },
    },
    // Each sample POST needs a name of its own (a repeat is a 409), hence the counter.
    "app/api/v1/admin/tags/route.ts": { methods: { GET: {}, POST: { body: async () => ({ name: `fuzzed tag ${++fuzzTags}`, color: "teal" }) } } },
    "app/api/v1/admin/tags/[id]/route.ts": {
      params: async () => ({ id: await newTag() }),
      methods: { PATCH: { body: async () => ({ name: `fuzzed rename ${++fuzzTags}`, color: "red" }) }, DELETE: {} },
    },
    "app/api/v1/admin/webhooks/route.ts": { methods: { GET: {}, POST: { body: webhookSample } } },
    "app/api/v1/admin/webhooks/[id]/route.ts": {
      params: async () => ({ id: await newWebhook() }),
      methods: { GET: {}, PATCH: { body: { url: "https://93.184.216.34/other", events: ["conversation.closed"], description: "Renamed", enabled: false } }, DELETE: {} },
    },
    "app/api/v1/admin/webhooks/[id]/rotate-secret/route.ts": { params: async () => ({ id: await newWebhook() }), methods: { POST: { body: {} } } },
    "app/api/v1/admin/webhooks/[id]/test/route.ts": { params: async () => ({ id: await newWebhook() }), methods: { POST: { body: {} } } },
    "app/api/v1/admin/webhooks/[id]/deliveries/route.ts": { params: async () => ({ id: await newWebhook() }), methods: { GET: {} } },
    "app/api/v1/admin/webhooks/[id]/deliveries/[deliveryId]/redeliver/route.ts": { params: newWebhookDelivery, methods: { POST: { sampleStatus: 409, body: {} } } },
    "app/api/v1/admin/sessions/[id]/tags/[tagId]/route.ts": {
      params: async () => ({ id: (await startChat(stack, "acme", { message: "Tag me" })).session_id, tagId: await newTag() }),
      methods: { PUT: {}, DELETE: {} },
    },
    "app/api/v1/admin/sessions/[id]/notes/route.ts": {
      params: async () => ({ id: (await startChat(stack, "acme", { message: "Note me" })).session_id }),
      methods: { GET: {}, POST: { body: { body: "A fuzzed private note", client_message_id: "fuzz-http-note" } } },
    },
    "app/api/v1/admin/conversations/route.ts": { methods: { GET: {} } },
    "app/api/v1/admin/conversations/export.csv/route.ts": { methods: { GET: {} } },
    "app/api/v1/admin/conversations/[id]/route.ts": { params: async () => ({ id: (await startChat(stack, "acme", { message: "History me" })).session_id }), methods: { GET: {} } },
    "app/api/v1/admin/conversations/[id]/transcript/route.ts": { params: async () => ({ id: (await startChat(stack, "acme", { message: "Transcribe me" })).session_id }), methods: { GET: {} } },
  };

  before(async () => {
    globexArticleId = (await db().knowledgeArticle.findFirstOrThrow({ where: { businessId: stack.ids.globex } })).id;
  });

  it("customer chat API (/api/v1/chat/*) and health routes", async () => {
    const send = async (method: string, urlPath: string, options: { token?: string; body?: string; headers?: Record<string, string> } = {}) => {
      const label = `${method} ${urlPath.slice(0, 80)}: ${options.body === undefined ? "no body" : short(options.body.slice(0, 120))}`;
      try {
        const answer = await chatApi(stack, method, urlPath, { token: options.token, rawBody: options.body, headers: options.headers });
        checkStatus(label, answer.status, answer.body);
        return answer;
      } catch (error) {
        problems.push(`${label} failed: ${error instanceof Error ? error.message : String(error)}`);
        return { status: 0, body: null };
      }
    };
    const fuzzBody = async (method: string, urlPath: string, sample: Json, token?: string) => {
      for (const variant of mutations(sample)) await send(method, urlPath, { token, body: bodyOf(variant) });
      for (const body of Object.values(RAW_BODIES)) await send(method, urlPath, { token, body });
      await send(method, urlPath, { token, body: JSON.stringify(sample), headers: { "content-type": "text/plain" } });
    };

    await fuzzBody("POST", "/api/v1/chat/init", { business: "acme", customer: { name: "Dana", email: "dana@example.com", external_id: "fuzz-ext-1" }, message: "Hello" });
    for (const method of ["GET", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"]) await send(method, "/api/v1/chat/init");
    await fuzzBody("POST", "/api/v1/chat/history", { business: "acme", customer: { external_id: "fuzz-ext-1", user_hash: "0".repeat(64) } });
    for (const method of ["GET", "PUT", "DELETE", "HEAD"]) await send(method, "/api/v1/chat/history");

    const chat = await startChat(stack, "acme", { message: "Hello" });
    const ended = await startChat(stack, "acme", { message: "Bye" });
    assert.equal((await chatApi(stack, "DELETE", `/api/v1/chat/${ended.session_id}`, { token: ended.session_token })).status, 200);
    await fuzzBody("POST", `/api/v1/chat/${chat.session_id}/task`, { message: "Where is my parcel?", client_message_id: "fuzz-task-1" }, chat.session_token);
    await fuzzBody("POST", `/api/v1/chat/${ended.session_id}/rating`, { score: 5, comment: "Thanks" }, ended.session_token);
    await fuzzBody("PUT", `/api/v1/chat/${chat.session_id}/email`, { email: "dana@example.com" }, chat.session_token);

    const tokens: Record<string, Record<string, string>> = {
      valid: { authorization: `Bearer ${chat.session_token}` },
      none: {},
      "another chat's": { authorization: `Bearer ${ended.session_token}` },
      junk: { authorization: "Bearer junk" },
      "very long": { authorization: `Bearer ${"a".repeat(8_000)}` },
      "not bearer": { authorization: `Basic ${chat.session_token}` },
      latin1: { authorization: "Bearer \u00ff\u00e9" },
    };
    const requests = [
      ["GET", ""],
      ["DELETE", ""],
      ["POST", "/task"],
      ["POST", "/rating"],
      ["POST", "/attachments"],
      ["PUT", "/email"],
      ["PUT", ""],
      ["GET", "/task"],
      ["POST", "/unknown"],
    ];
    for (const [what, headers] of Object.entries(tokens)) {
      for (const [method, suffix] of requests) {
        const body =
          suffix === "/email"
            ? JSON.stringify({ email: "fuzz@example.com" })
            : method === "POST"
              ? JSON.stringify(suffix === "/rating" ? { score: 3 } : { message: "Hi", client_message_id: `fuzz-${what.replace(/\W/g, "")}` })
              : undefined;
        if (what === "valid" || what === "none") for (const id of Object.values(JUNK_IDS)) await send(method, `/api/v1/chat/${id}${suffix}`, { body, headers });
        // The real session last: DELETE ends it.
        if (what !== "valid" || method !== "DELETE") await send(method, `/api/v1/chat/${chat.session_id}${suffix}`, { body, headers });
      }
    }
    // Uploads: every query field mutated (the body, a file's bytes, is any text or binary).
    const uploadQuery = { client_message_id: "fuzz-upload", file_name: "fuzz.txt", caption: "Fuzzed" };
    const uploadPath = (fields: Record<string, string>) => `/api/v1/chat/${chat.session_id}/attachments?${new URLSearchParams(fields).toString()}`;
    await send("POST", uploadPath(uploadQuery), { token: chat.session_token, body: "a text file" });
    for (const field of Object.keys(uploadQuery)) {
      const { [field as keyof typeof uploadQuery]: _dropped, ...without } = uploadQuery;
      await send("POST", uploadPath(without), { token: chat.session_token, body: "a text file" });
      for (const value of [...Object.values(UNICODE), ...Object.values(HUGE), ""]) {
        await send("POST", uploadPath({ ...uploadQuery, [field]: value }), { token: chat.session_token, body: "a text file" });
      }
    }
    for (const query of [
      "client_message_id=a&client_message_id=b&file_name=x",
      "file_name=%00&client_message_id=x",
      "file_name=%&client_message_id=x",
      "__proto__[file_name]=x&client_message_id=x",
      "unexpected=1&client_message_id=x&file_name=x",
    ]) {
      await send("POST", `/api/v1/chat/${chat.session_id}/attachments?${query}`, { token: chat.session_token, body: "a text file" });
    }
    for (const body of ["", "\u0000binary", "<svg onload=alert(1)>", "x".repeat(70_000)]) await send("POST", uploadPath(uploadQuery), { token: chat.session_token, body });
    for (const urlPath of [
      "/api/v1/attachments/",
      "/api/v1/attachments/x",
      `/api/v1/attachments/${MISSING}?expires=1&sig=x`,
      "/api/v1/attachments/%00?expires=%&sig=%ED%A0%80",
      `/api/v1/attachments/${"a".repeat(5_000)}`,
    ]) {
      await send("GET", urlPath);
    }
    for (const urlPath of ["/api/v1/chat/", "/api/v1/chat", "/api/v1/chat//task", "/api/v1/chat/a/b/c", "/api/v1/chat/%00/task", "/api/v1/chat/init/x"]) await send("POST", urlPath, { body: "{}" });
    for (const urlPath of ["/health", "/health/", "/health/detailed", "/health/metrics", "/health/%00", "/health/metrics?x=%00", "/health/unknown"]) {
      // Not all JSON (metrics are Prometheus text).
      const response = await fetch(`${stack.server.url}${urlPath}`);
      checkStatus(`GET ${urlPath}`, response.status, await response.text());
    }
    await send("DELETE", `/api/v1/chat/${chat.session_id}`, { token: chat.session_token });
  });

  it("/dashboard events (every dashboardPayloads and agentActionPayloads entry)", async () => {
    const colleague = await newAgent(stack, "acme");
    const me = await newAgent(stack, "acme");
    // Chats in the states the actions need, so valid variants go all the way to the database.
    const [waiting, mine, toClose] = [
      await startChat(stack, "acme", { message: "Claim me" }),
      await startChat(stack, "acme", { message: "Talk to me" }),
      await startChat(stack, "acme", { message: "Close me" }),
    ];
    const workspace = await workspaceSocket(stack, me.email, "acme");
    for (const chat of [mine, toClose])
      assert.equal((await confirmedAction(workspace, "queue.claim", { session_id: chat.session_id, request_id: `claim-${chat.session_id}` })).confirmed?.success, true);
    workspace.socket.disconnect();
    const tagId = await newTag();
    // In the order they run: the transfer gives `mine` away, so it comes after the others that use it.
    const samples: Record<string, (llmSessionId: string) => Json> = {
      "session.whoami": () => ({}),
      "dashboard.orchestrate_init": () => ({ company_id: stack.ids.acme }),
      "dashboard.company_change": () => ({ company_id: stack.ids.acme }),
      "dashboard.refresh": () => ({ widgets: ["overview"] }),
      "dashboard.request_update": () => ({ widget: "overview" }),
      "llm.ask": (llmSessionId) => ({ session_id: llmSessionId, question: "How many chats are waiting?" }),
      "workspace.open": () => ({ company_id: stack.ids.acme }),
      "agent.set_status": () => ({ status: "ONLINE", request_id: "fuzz-status" }),
      "queue.claim": () => ({ session_id: waiting.session_id, request_id: "fuzz-claim" }),
      "session.history": () => ({ session_id: mine.session_id }),
      "session.get": () => ({ session_id: waiting.session_id }),
      "session.typing": () => ({ session_id: mine.session_id, typing: true }),
      "session.send": () => ({ session_id: mine.session_id, body: "Hello from the fuzz", client_message_id: "fuzz-send" }),
      "session.note": () => ({ session_id: mine.session_id, body: "A private note from the fuzz", client_message_id: "fuzz-note" }),
      "session.tag": () => ({ session_id: mine.session_id, tag_id: tagId, action: "add", request_id: "fuzz-tag" }),
      "session.close": () => ({ session_id: toClose.session_id, request_id: "fuzz-close" }),
      "session.transfer": () => ({ session_id: mine.session_id, agent_id: colleague.agentId, request_id: "fuzz-transfer" }),
    };
    const events = [...Object.keys(dashboardPayloads), ...Object.keys(agentActionPayloads)];
    assert.deepEqual([...events].sort(), Object.keys(samples).sort(), "every /dashboard event needs a sample here");
    const optimistic = new Set(["agent.set_status", "queue.claim", "session.send", "session.note", "session.tag", "session.close", "session.transfer"]);

    const first = await dashboardSocket(stack, me.email, "acme");
    const llmSessionId = first.recorder.events.find((e) => e.event === "llm.session_ready")!.payload.session_id;
    first.socket.disconnect();
    // Each connection opens the workspace first, so widget, assistant and action events have a business.
    const open = async () => ({ ...(await workspaceSocket(stack, me.email, "acme")), accepted: 0 });
    for (const [event, sample] of Object.entries(samples)) {
      const connections = await fuzzEvent(open, "/dashboard", event, sample(llmSessionId));
      await checkConnections(`/dashboard ${event}`, connections, optimistic.has(event));
    }
  });

  it("/chat events (every chatPayloads entry)", async () => {
    const samples: Record<string, Json> = {
      "chat.send": { client_message_id: "fuzz-chat-1", body: "Hello" },
      "chat.typing": { typing: true },
    };
    assert.deepEqual(Object.keys(chatPayloads).sort(), Object.keys(samples).sort(), "every /chat event needs a sample here");
    const chat = await startChat(stack, "acme", { message: "Hello" });
    const open = async () => ({ ...(await customerSocket(stack, chat.session_token)), accepted: 0 });
    for (const [event, sample] of Object.entries(samples)) await checkConnections(`/chat ${event}`, await fuzzEvent(open, "/chat", event, sample), false);
  });

  it("staff route handlers (every app/api/**/route.ts)", async () => {
    const files = readdirSync("app/api", { recursive: true, encoding: "utf8" })
      .filter((file) => path.basename(file) === "route.ts")
      .map((file) => path.posix.join("app/api", file.split(path.sep).join("/")))
      .sort();
    assert.deepEqual(files, Object.keys(routes).sort(), "every route file needs an entry in this fuzz table");

    const owner = await sessionTokenFor(db(), "owner@acme.test");
    const agent = await sessionTokenFor(db(), "agent@acme.test");
    for (const file of files) {
      const entry = routes[file];
      if ("notHere" in entry) continue;
      const routeModule = (await import(path.resolve(file))) as Record<string, unknown>;
      const exported = Object.keys(routeModule).filter((name) => /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$/.test(name));
      assert.deepEqual(exported.sort(), Object.keys(entry.methods).sort(), `${file}: every exported method needs a sample`);
      const urlPath = `/${path.dirname(file).replace(/^app\//, "")}`;

      for (const [method, { body: makeBody, sampleStatus }] of Object.entries(entry.methods)) {
        const handler = routeModule[method] as RouteHandler;
        const sample = { body: typeof makeBody === "function" ? await makeBody() : makeBody };
        let params = (await entry.params?.()) ?? {};
        const call = async (what: string, options: { query?: string; params?: Record<string, string>; token?: string | null; body?: string; headers?: Record<string, string> }) => {
          const label = `${method} ${file}: ${what}`;
          try {
            const answer = await callRoute(handler, {
              method,
              path: `${urlPath}?${options.query ?? `company_id=${stack.ids.acme}`}${entry.query ? `&${entry.query}` : ""}`,
              params: options.params ?? params,
              token: options.token === null ? undefined : (options.token ?? owner),
              rawBody: options.body ?? (sample.body ? JSON.stringify(sample.body) : undefined),
              headers: options.headers,
            });
            checkStatus(label, answer.status, answer.body);
            return answer;
          } catch (error) {
            problems.push(`${label} threw ${error instanceof Error ? error.name : typeof error}`);
            return { status: 0, body: null };
          }
        };

        const baseline = await call("the sample", {});
        const expected = sampleStatus ? baseline.status === sampleStatus : baseline.status >= 200 && baseline.status < 300;
        assert.ok(expected, `${method} ${file}: the sample must answer ${sampleStatus ?? "2xx"}, got ${baseline.status} ${short(baseline.body)}`);
        params = (await entry.params?.()) ?? {};

        await call("no session", { token: null });
        await call("a junk session cookie", { token: "junk" });
        await call("an agent (not an admin)", { token: agent });
        for (const [what, value] of Object.entries({ ...UNICODE, ...JUNK_IDS, "another business": stack.ids.globex, empty: "" })) {
          await call(`company_id ${what}`, { query: new URLSearchParams({ company_id: value }).toString() });
        }
        for (const query of ["company_id=%00", "company_id=%ED%A0%80", "company_id=%", "company_id[]=x", "__proto__[company_id]=x"]) await call(query, { query });
        await call("company_id twice", { query: `company_id=${stack.ids.globex}&company_id=${stack.ids.acme}` });
        await call("no company_id", { query: "" });
        for (const name of Object.keys(params)) {
          const junk = { ...UNICODE, ...JUNK_IDS, empty: "", toString: "toString", hasOwnProperty: "hasOwnProperty", "dot segments": "../overview", "another business's": globexArticleId };
          for (const [what, value] of Object.entries(junk)) await call(`${name} ${what}`, { params: { ...params, [name]: value } });
        }
        if (sample.body) {
          for (const variant of mutations(sample.body)) await call(variant.label, { body: bodyOf(variant) ?? "" });
          for (const [what, body] of Object.entries(RAW_BODIES)) await call(`body ${what}`, { body });
          await call("a text/plain body", { headers: { "content-type": "text/plain" } });
          await call("no content type", { headers: { "content-type": "" } });
        }
      }
    }
  });

  it("a saved reply's file sent as the holder's message (the attachments route with saved_reply_id): every query field mutated", async () => {
    const owner = await sessionTokenFor(db(), "owner@acme.test");
    const load = async (file: string) => (await import(path.resolve(file))) as Record<string, RouteHandler>;
    const fileRoute = await load("app/api/v1/admin/saved-replies/[id]/attachment/route.ts");
    const sendRoute = await load("app/api/v1/admin/sessions/[id]/attachments/route.ts");
    const replyId = await newSavedReply();
    const put = await callRoute(fileRoute.PUT, {
      method: "PUT",
      path: `/api/v1/admin/saved-replies/${replyId}/attachment?company_id=${stack.ids.acme}&file_name=terms.txt`,
      params: { id: replyId },
      token: owner,
      rawBody: "Our terms.",
    });
    assert.equal(put.status, 201, short(put.body));
    const sessionId = await chatHeldByOwner();
    const sample = { client_message_id: "fuzz-reply-file", saved_reply_id: replyId };
    const send = async (what: string, query: string, rawBody?: string) => {
      try {
        const answer = await callRoute(sendRoute.POST, {
          method: "POST",
          path: `/api/v1/admin/sessions/${sessionId}/attachments?company_id=${stack.ids.acme}&${query}`,
          params: { id: sessionId },
          token: owner,
          rawBody,
        });
        checkStatus(`saved reply file: ${what}`, answer.status, answer.body);
        return answer;
      } catch (error) {
        problems.push(`saved reply file: ${what} threw ${error instanceof Error ? error.name : typeof error}`);
        return { status: 0, body: null };
      }
    };
    assert.equal((await send("the sample", new URLSearchParams(sample).toString())).status, 201);
    for (const field of Object.keys(sample)) {
      const { [field as keyof typeof sample]: _dropped, ...without } = sample;
      await send(`no ${field}`, new URLSearchParams(without).toString());
      for (const [what, value] of Object.entries({ ...UNICODE, ...JUNK_IDS, ...HUGE, empty: "" })) await send(`${field} ${what}`, new URLSearchParams({ ...sample, [field]: value }).toString());
    }
    for (const query of [
      `saved_reply_id=${replyId}&saved_reply_id=${MISSING}&client_message_id=x`,
      "saved_reply_id=%00&client_message_id=x",
      "__proto__[saved_reply_id]=x&client_message_id=x",
      `saved_reply_id=${replyId}&client_message_id=x&file_name=x.txt`,
    ]) {
      await send(query, query);
    }
    for (const body of ["", "\u0000binary", "x".repeat(70_000)]) await send("a body it does not read", new URLSearchParams({ ...sample, client_message_id: "fuzz-reply-body" }).toString(), body);
  });

  it("found no 5xx, no internal_error and no missing ack; the server is healthy and unpolluted afterwards", async () => {
    assert.equal(problems.length, 0, `${problems.length} problems:\n${problems.join("\n")}`);
    assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), prototypeBefore);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);

    assert.equal((await fetch(`${stack.server.url}/health`)).status, 200);
    const chat = await startChat(stack, "acme", { message: "Still there?" });
    assert.equal((await chatApi(stack, "GET", `/api/v1/chat/${chat.session_id}`, { token: chat.session_token })).status, 200);
    const staff = await stack.staffSocket("owner@acme.test");
    const whoami = await staff.socket.emitWithAck("session.whoami", {});
    assert.equal(whoami.success, true);
    const customer = await customerSocket(stack, chat.session_token);
    assert.equal((await customer.socket.emitWithAck("chat.send", { client_message_id: "after-fuzz", body: "Hello again" })).success, true);
  });
});
