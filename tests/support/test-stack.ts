import { after, before } from "node:test";
import { DASHBOARD_NAMESPACE } from "../../lib/contract/dashboard";
import type { PrismaClient } from "../../lib/db/prisma-client.server";
import { sessionTokenFor } from "./auth-tokens";
import { recordEvents } from "./event-recorder";
import { createTestDatabase, type TestDatabase } from "./test-database";
import type { LiveConfig } from "../../lib/composition/live-app.server";
import { connected, createSocketClient, startTestServer, type SocketClient, type TestAssistantOptions, type TestServer, type TestServerOptions } from "./test-server";

/** A connected /dashboard socket of a staff user, recording everything it receives. */
export type StaffSocket = { socket: ReturnType<SocketClient["connect"]>; recorder: ReturnType<typeof recordEvents> };

/**
 * What a test talks to: a database with its businesses, and one server address (a stack's own
 * server, one node of several, or a load balancer in front of them). The live-chat helpers take it.
 */
export interface StackClient {
  database: TestDatabase;
  /** Business ids by slug (the demo data's, and any a test adds). */
  ids: Record<string, string>;
  server: SocketClient;
  /** A connected /dashboard socket of a user, recording everything it receives. */
  staffSocket(email: string): Promise<StaffSocket>;
}

export interface TestStack extends StackClient {
  server: TestServer;
}

async function staffSocketOn(server: SocketClient, db: PrismaClient, email: string): Promise<StaffSocket> {
  const socket = server.connect(DASHBOARD_NAMESPACE, { auth: { token: await sessionTokenFor(db, email) } });
  const recorder = recordEvents(socket);
  await connected(socket);
  return { socket, recorder };
}

/** Business ids of the database's businesses by slug. */
export async function businessIds(db: PrismaClient): Promise<Record<string, string>> {
  return Object.fromEntries((await db.business.findMany({ select: { id: true, slug: true } })).map((business) => [business.slug, business.id]));
}

/**
 * A StackClient for a server the test did not start in-process (a server node's process, a load
 * balancer): `ids` is shared, so clients of several nodes of one database see the same businesses.
 */
export function stackClient(database: TestDatabase, ids: Record<string, string>, url: string): StackClient & { closeSockets(): void } {
  const server = createSocketClient(url);
  return { database, ids, server, staffSocket: (email) => staffSocketOn(server, database.db, email), closeSockets: server.closeAll };
}

/**
 * For a test file's top-level describe: a private copy of the demo database and the real HTTP +
 * Socket.IO stack on a free port, created before the tests and torn down after them.
 */
/** `assistant.queue: true` gives the server the assistant's job queue (and a worker) on the test database. */
export function useTestStack(live: Partial<LiveConfig> = {}, assistant: Omit<TestAssistantOptions, "databaseUrl"> & { queue?: boolean } = {}, options: TestServerOptions = {}): TestStack {
  const stack = { ids: {} } as TestStack;
  before(async () => {
    stack.database = await createTestDatabase();
    stack.server = await startTestServer(stack.database.db, live, { ...assistant, databaseUrl: assistant.queue ? stack.database.url : undefined }, options);
    Object.assign(stack.ids, await businessIds(stack.database.db));
  });
  after(async () => {
    await stack.server.close();
    await stack.database.drop();
  });
  stack.staffSocket = (email) => staffSocketOn(stack.server, stack.database.db, email);
  return stack;
}
