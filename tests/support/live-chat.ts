import { before } from "node:test";
import type { Socket } from "socket.io-client";
import type { ChatInitResponse } from "../../lib/contract/customer-chat";
import { CHAT_NAMESPACE } from "../../lib/contract/customer-chat";
import type { PrismaClient } from "../../lib/db/prisma-client.server";
import { addMembership, createAgent, createBusiness, createUser } from "../../lib/seed/factories.server";
import { recordEvents } from "./event-recorder";
import type { StackClient, TestStack } from "./test-stack";
import { connected } from "./test-server";

/** The pushes that carry a business's data to staff: none may reach a socket whose access to it ended. */
export const BUSINESS_PUSHES = ["queue.updated", "session.updated", "dashboard.data_updated", "agent.status_changed", "session.typing"];

/** For tests of chats with people: the demo businesses queue new chats directly, without the assistant. */
export function withoutDemoAssistants(stack: TestStack) {
  before(() => stack.database.db.$executeRaw`UPDATE "Business" SET settings = settings || '{"assistantEnabled": false}'::jsonb`);
}

/** Customer-side HTTP calls against the test server (JSON in, status + JSON out). */
export async function chatApi(stack: StackClient, method: string, path: string, options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json", ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${stack.server.url}${path}`, {
    method,
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

/** POST /api/v1/chat/init for a business slug; fails the test unless it answers 201. */
export async function startChat(stack: StackClient, business: string, extra: Record<string, unknown> = {}): Promise<ChatInitResponse> {
  const response = await chatApi(stack, "POST", "/api/v1/chat/init", { body: { business, ...extra } });
  if (response.status !== 201) throw new Error(`chat init answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as ChatInitResponse;
}

/** A connected /chat socket with the session token, recording what it receives. */
export async function customerSocket(stack: StackClient, sessionToken: string): Promise<{ socket: Socket; recorder: ReturnType<typeof recordEvents> }> {
  const socket = stack.server.connect(CHAT_NAMESPACE, { auth: { session_token: sessionToken } });
  const recorder = recordEvents(socket);
  await connected(socket);
  return { socket, recorder };
}

/** A business of its own (manual routing, no assistant) with an owner: new chats wait, and nothing else takes them. */
export async function newBusiness(db: PrismaClient) {
  const business = await createBusiness(db);
  const owner = await createUser(db);
  await addMembership(db, { userId: owner.id, businessId: business.id, role: "OWNER" });
  return { id: business.id, slug: business.slug, ownerEmail: owner.email };
}

/** A new staff user who is an agent of the business (so tests do not compete for the demo agents' capacity). */
export async function newAgent(stack: StackClient, slug: string, options: { capacity?: number; status?: "ONLINE" | "AWAY" | "OFFLINE"; name?: string } = {}) {
  const db = stack.database.db;
  const businessId = stack.ids[slug];
  const user = await createUser(db, { name: options.name });
  await addMembership(db, { userId: user.id, businessId, role: "AGENT" });
  const agent = await createAgent(db, { businessId, userId: user.id, displayName: options.name ?? user.name, capacity: options.capacity ?? 10, status: options.status ?? "ONLINE" });
  return { email: user.email, userId: user.id, agentId: agent.id, displayName: agent.displayName };
}

/** A staff socket that has opened the agent workspace of the business (so it is in the business room). */
export async function workspaceSocket(stack: StackClient, email: string, slug: string) {
  const staff = await stack.staffSocket(email);
  const ack = await staff.socket.emitWithAck("workspace.open", { company_id: stack.ids[slug] });
  if (!ack.success) throw new Error(`workspace.open failed: ${JSON.stringify(ack)}`);
  return { ...staff, workspace: ack };
}

/** Emits an optimistic staff action and resolves with its dashboard.update_confirmed. */
export async function confirmedAction(staff: { socket: Socket; recorder: ReturnType<typeof recordEvents> }, event: string, payload: Record<string, unknown>) {
  const requestId = String(payload.request_id ?? payload.client_message_id);
  const ack = await staff.socket.emitWithAck(event, payload);
  if (!ack.success) return { ack, confirmed: null };
  const confirmed = await staff.recorder.waitFor((e) => e.event === "dashboard.update_confirmed" && e.payload.request_id === requestId, `${event} confirmation`);
  return { ack, confirmed: confirmed.payload };
}

/** A chat of Acme held by a new agent (claimed over its workspace socket), with its customer's socket connected. */
export async function heldChat(stack: StackClient, text: string) {
  const holder = await newAgent(stack, "acme", { name: `Holder ${text}` });
  const staff = await workspaceSocket(stack, holder.email, "acme");
  const chat = await startChat(stack, "acme", { customer: { name: "Dana Fox" }, message: text });
  const customer = await customerSocket(stack, chat.session_token);
  const claimed = await confirmedAction(staff, "queue.claim", { session_id: chat.session_id, request_id: `claim-${chat.session_id}` });
  if (claimed.confirmed?.success !== true) throw new Error(`the claim of ${chat.session_id} failed: ${JSON.stringify(claimed)}`);
  await customer.recorder.waitFor((e) => e.event === "chat.status" && e.payload.status === "ACTIVE", "the chat is taken");
  return { holder, staff, chat, customer };
}

/** A staff socket with an orchestrated dashboard of the business (in its room and its widgets room). */
export async function dashboardSocket(stack: StackClient, email: string, slug: string) {
  const staff = await stack.staffSocket(email);
  const ack = await staff.socket.emitWithAck("dashboard.orchestrate_init", { company_id: stack.ids[slug] });
  if (!ack.success) throw new Error(`orchestrate_init failed: ${JSON.stringify(ack)}`);
  await staff.recorder.waitFor((e) => e.event === "dashboard.phase_complete" && e.payload.phase === "llm", "orchestration done");
  return staff;
}
