import { io, type Socket } from "socket.io-client";
import type { PrismaClient } from "../../lib/db/prisma-client.server";
import { DASHBOARD_NAMESPACE, type DashboardClientToServerEvents, type DashboardServerToClientEvents } from "../../lib/contract/dashboard";
import { addMembership, createBusiness, createUser } from "../../lib/seed/factories.server";
import { sessionTokenFor } from "../../tests/support/auth-tokens";
import { connected } from "../../tests/support/test-server";
import type { FleetSocketSpec, OpenOptions } from "./fleet-protocol";

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

/** A fresh business (default "bench") with `staffCount` staff members (AGENT role, no agent rows: they only watch). */
export async function createBenchBusiness(db: PrismaClient, staffCount: number, { slug = "bench", name = "Bench Co" } = {}): Promise<BenchBusiness> {
  const business = await createBusiness(db, { slug, name, legalName: `${name} Ltd` });
  const staffTokens = await inBatches(Array.from({ length: staffCount }), 20, async (_, index) => {
    const user = await createUser(db, { email: `staff${index}@${slug}.test` });
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

/**
 * `count` /dashboard sockets of the business's staff for a socket fleet: socket i signs in as staff
 * member i mod their number (one user may have several tabs open) and connects to server i mod the
 * URLs (nodes).
 */
export function staffSocketSpecs(business: BenchBusiness, count: number, serverUrls: string[]): FleetSocketSpec[] {
  return Array.from({ length: count }, (_, index) => ({
    url: serverUrls[index % serverUrls.length],
    auth: { token: business.staffTokens[index % business.staffTokens.length] },
  }));
}

/** A staff socket in the business's agent workspace, opened again on every connect as the app's client does. */
export const workspaceSockets = (business: BenchBusiness): Pick<OpenOptions, "namespace" | "join"> => ({
  namespace: DASHBOARD_NAMESPACE,
  join: { event: "workspace.open", payload: { company_id: business.id } },
});
