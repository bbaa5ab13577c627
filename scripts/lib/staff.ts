import { io, type Socket } from "socket.io-client";
import type { PrismaClient } from "../../lib/db/prisma-client.server";
import { DASHBOARD_NAMESPACE, type DashboardClientToServerEvents, type DashboardServerToClientEvents } from "../../lib/contract/dashboard";
import { addMembership, createBusiness, createUser } from "../../lib/seed/factories.server";
import { sessionTokenFor } from "../../tests/support/auth-tokens";
import { connected } from "../../tests/support/test-server";

export type StaffSocket = Socket<DashboardServerToClientEvents, DashboardClientToServerEvents>;

export interface BenchBusiness {
  id: string;
  slug: string;
  /** Session JWTs of its staff members, one per user (the socket handshake's auth.token). */
  staffTokens: string[];
}

/** Runs `work` over `items` `batchSize` at a time: setup and connects in parallel without a thundering herd. */
async function inBatches<T, R>(items: T[], batchSize: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += batchSize) {
    results.push(...(await Promise.all(items.slice(start, start + batchSize).map((item, offset) => work(item, start + offset)))));
  }
  return results;
}

/** A fresh business "bench" with `staffCount` staff members (AGENT role, no agent rows: they only watch). */
export async function createBenchBusiness(db: PrismaClient, staffCount: number): Promise<BenchBusiness> {
  const business = await createBusiness(db, { slug: "bench", name: "Bench Co", legalName: "Bench Co Ltd" });
  const staffTokens = await inBatches(Array.from({ length: staffCount }), 20, async (_, index) => {
    const user = await createUser(db, { email: `staff${index}@bench.test` });
    await addMembership(db, { userId: user.id, businessId: business.id, role: "AGENT" });
    return sessionTokenFor(db, user.email);
  });
  return { id: business.id, slug: business.slug, staffTokens };
}

/**
 * One /dashboard socket per token (websocket transport, its own connection), each joined to the
 * business room with workspace.open; connected `batchSize` at a time.
 */
export async function openStaffSockets(serverUrl: string, business: BenchBusiness, batchSize = 50): Promise<StaffSocket[]> {
  return inBatches(business.staffTokens, batchSize, async (token) => {
    const socket: StaffSocket = io(`${serverUrl}${DASHBOARD_NAMESPACE}`, { transports: ["websocket"], reconnection: false, forceNew: true, auth: { token } });
    await connected(socket);
    const ack = await socket.emitWithAck("workspace.open", { company_id: business.id });
    if (!ack.success) throw new Error(`workspace.open refused: ${JSON.stringify(ack.error)}`);
    return socket;
  });
}
