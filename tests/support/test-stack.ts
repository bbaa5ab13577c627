import { after, before } from "node:test";
import { DASHBOARD_NAMESPACE } from "../../lib/contract/dashboard";
import { sessionTokenFor } from "./auth-tokens";
import { recordEvents } from "./event-recorder";
import { createTestDatabase, type TestDatabase } from "./test-database";
import type { LiveConfig } from "../../lib/composition/live-app.server";
import { connected, startTestServer, type TestAssistantOptions, type TestServer } from "./test-server";

export interface TestStack {
  database: TestDatabase;
  server: TestServer;
  /** Business ids of the demo data by slug. */
  ids: Record<string, string>;
  /** A connected /dashboard socket of a demo user, recording everything it receives. */
  staffSocket(email: string): Promise<{ socket: ReturnType<TestServer["connect"]>; recorder: ReturnType<typeof recordEvents> }>;
}

/**
 * For a test file's top-level describe: a private copy of the demo database and the real HTTP +
 * Socket.IO stack on a free port, created before the tests and torn down after them.
 */
/** `assistant.queue: true` gives the server the assistant's job queue (and a worker) on the test database. */
export function useTestStack(live: Partial<LiveConfig> = {}, assistant: Omit<TestAssistantOptions, "databaseUrl"> & { queue?: boolean } = {}): TestStack {
  const stack = { ids: {} } as TestStack;
  before(async () => {
    stack.database = await createTestDatabase();
    stack.server = await startTestServer(stack.database.db, live, { ...assistant, databaseUrl: assistant.queue ? stack.database.url : undefined });
    for (const business of await stack.database.db.business.findMany({ select: { id: true, slug: true } })) stack.ids[business.slug] = business.id;
  });
  after(async () => {
    await stack.server.close();
    await stack.database.drop();
  });
  stack.staffSocket = async (email) => {
    const socket = stack.server.connect(DASHBOARD_NAMESPACE, { auth: { token: await sessionTokenFor(stack.database.db, email) } });
    const recorder = recordEvents(socket);
    await connected(socket);
    return { socket, recorder };
  };
  return stack;
}
