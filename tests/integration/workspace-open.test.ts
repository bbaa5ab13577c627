/**
 * Issue 15 (the reconnect storm): workspace.open's business-wide reads (the business, the team, the
 * queue, the tags) are shared by the opens of one business that come at about the same time. Each
 * open still gets its own agent and chats and only its business, and a shared read is never one
 * that started before the open asked: else a change made in between, which the socket was not in
 * the room to be pushed, would be missing for good.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import pg from "pg";
import type { WorkspaceSnapshot } from "../../lib/contract/staff";
import { pgPoolOf } from "../../lib/db/prisma-client.server";
import { eventually } from "../support/eventually";
import { confirmedAction, newAgent, newBusiness, startChat } from "../support/live-chat";
import { useTestStack, type StaffSocket, type TestStack } from "../support/test-stack";

type OpenAck = { success: true } & WorkspaceSnapshot;

/** A business of its own with three agents, the first of them holding one chat. */
async function businessWithTeam(stack: TestStack) {
  const business = await newBusiness(stack.database.db);
  stack.ids[business.slug] = business.id;
  const agents = [];
  for (let i = 0; i < 3; i += 1) agents.push(await newAgent(stack, business.slug, { name: `Agent ${i} of ${business.slug}` }));
  const holder = await stack.staffSocket(agents[0].email);
  await holder.socket.emitWithAck("workspace.open", { company_id: business.id });
  const chat = await startChat(stack, business.slug, { customer: { name: "Held customer" }, message: "Hello" });
  const claimed = await confirmedAction(holder, "queue.claim", { session_id: chat.session_id, request_id: `claim-${chat.session_id}` });
  assert.equal(claimed.confirmed?.success, true, JSON.stringify(claimed));
  holder.socket.disconnect();
  return { ...business, agents, heldChatId: chat.session_id };
}

/**
 * How many of the app's statements `lock`'s transaction holds. (A statement held while it is parsed
 * still shows its connection's previous text and state, so they are counted by what blocks them.)
 */
async function heldStatements(lock: pg.Client): Promise<number> {
  const { rows } = await lock.query<{ held: number }>("SELECT count(*)::int AS held FROM pg_stat_activity WHERE datname = current_database() AND pg_backend_pid() = ANY (pg_blocking_pids(pid))");
  return rows[0].held;
}

describe("workspace.open with shared business reads", () => {
  const stack = useTestStack();

  it("gives every one of many simultaneous opens its own agent, its own chats and only its business", async () => {
    const businesses = [await businessWithTeam(stack), await businessWithTeam(stack)];
    // Two tabs per agent, all opened at once.
    const opens = businesses.flatMap((business) => business.agents.flatMap((agent) => [0, 1].map(() => ({ business, agent }))));
    const sockets = await Promise.all(opens.map(({ agent }) => stack.staffSocket(agent.email)));
    const acks = (await Promise.all(sockets.map((staff, i) => staff.socket.emitWithAck("workspace.open", { company_id: opens[i].business.id })))) as OpenAck[];
    acks.forEach((ack, i) => {
      const { business, agent } = opens[i];
      assert.equal(ack.success, true, JSON.stringify(ack));
      assert.equal(ack.company.id, business.id);
      assert.equal(ack.me?.id, agent.agentId, "me is the opener's own agent");
      assert.deepEqual(ack.agents.map((a) => a.id).sort(), business.agents.map((a) => a.agentId).sort(), "the team is the business's, and only it");
      const holder = agent.agentId === business.agents[0].agentId;
      assert.deepEqual(
        ack.my_sessions.map((s) => s.id),
        holder ? [business.heldChatId] : [],
        "my chats are the opener's own",
      );
      assert.equal(ack.agents.find((a) => a.id === business.agents[0].agentId)?.active_sessions, 1);
    });
    for (const staff of sockets) staff.socket.disconnect();
  });

  it("does not hand an open the result of a read that was already running when it asked", async () => {
    const business = await businessWithTeam(stack);
    const [first, second] = business.agents.slice(1);
    const db = stack.database.db;
    const pool = pgPoolOf(db)!;
    const firstSocket = await stack.staffSocket(first.email);
    const lock = new pg.Client({ connectionString: stack.database.url });
    await lock.connect();
    let secondSocket: StaffSocket | undefined;
    try {
      // Holds every statement that reads the tags (the tag list, the queue's two pages, each open's
      // own chats) until the commit; the business, the team and the queue's counts go through.
      await lock.query("BEGIN");
      await lock.query('LOCK TABLE "Tag" IN ACCESS EXCLUSIVE MODE');
      const firstOpen = firstSocket.socket.emitWithAck("workspace.open", { company_id: business.id }) as Promise<OpenAck>;
      // The first open's four tag readers are held and its other reads are done: only the held
      // ones have a connection, and none waits for one, on several looks in a row.
      let quietLooks = 0;
      await eventually(
        async () => {
          const held = await heldStatements(lock);
          const quiet = held === 4 && pool.totalCount - pool.idleCount === held && pool.waitingCount === 0;
          quietLooks = quiet ? quietLooks + 1 : 0;
          return quietLooks >= 3;
        },
        10_000,
        "the first open held at its tag reads",
      );

      // The business is renamed while the first open's read runs: the second agent connects after, so no push of it reaches them.
      await db.business.update({ where: { id: business.id }, data: { name: "Renamed meanwhile" } });
      secondSocket = await stack.staffSocket(second.email);
      const secondOpen = secondSocket.socket.emitWithAck("workspace.open", { company_id: business.id }) as Promise<OpenAck>;
      // The second open's own chats are held too: it has asked for the shared read.
      await eventually(async () => (await heldStatements(lock)) === 5, 10_000, "the second open's reads");
      await lock.query("COMMIT");

      const [firstAck, secondAck] = await Promise.all([firstOpen, secondOpen]);
      assert.equal(firstAck.success, true, JSON.stringify(firstAck));
      assert.equal(secondAck.success, true, JSON.stringify(secondAck));
      assert.notEqual(firstAck.company.name, "Renamed meanwhile", "the first open read the business before the rename");
      assert.equal(secondAck.company.name, "Renamed meanwhile", "the second open asked after the rename, so its snapshot has it");
    } finally {
      await lock.query("ROLLBACK").catch(() => undefined);
      await lock.end();
      firstSocket.socket.disconnect();
      secondSocket?.socket.disconnect();
    }
  });
});
