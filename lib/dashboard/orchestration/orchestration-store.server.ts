import type { Prisma } from "../../db/generated/client";
import type { PrismaClient } from "../../db/prisma-client.server";
import type { Phase, WidgetLoadStatus } from "../../contract/dashboard";
import type { WidgetName } from "../../contract/widgets";

export const ORCHESTRATION_TTL_MS = 60 * 60 * 1000;

export type OrchestrationPhase = Phase | "completed" | "error" | "cancelled";

/**
 * Orchestration state per (user, connection) in Postgres, so any node (or an operator) can see
 * what a connection is doing; starting a new one flags the connection's older ones as cancelled.
 */
export async function startOrchestrationRecord(db: PrismaClient, input: { id: string; userId: string; connectionKey: string; businessId?: string }): Promise<void> {
  const now = new Date();
  await db.$transaction([
    db.orchestrationState.updateMany({
      where: { userId: input.userId, connectionKey: input.connectionKey, cancellationRequested: false, id: { not: input.id } },
      data: { cancellationRequested: true, phase: "cancelled" },
    }),
    db.orchestrationState.create({
      data: {
        id: input.id,
        userId: input.userId,
        connectionKey: input.connectionKey,
        businessId: input.businessId,
        phase: "company",
        startedAt: now,
        expiresAt: new Date(now.getTime() + ORCHESTRATION_TTL_MS),
      },
    }),
  ]);
}

export async function updateOrchestrationRecord(
  db: PrismaClient,
  id: string,
  patch: {
    phase?: OrchestrationPhase;
    businessId?: string;
    widgetsStatus?: Partial<Record<WidgetName, WidgetLoadStatus>>;
    errors?: { phase: Phase; widget?: WidgetName; code: string; message: string }[];
  },
): Promise<void> {
  await db.orchestrationState.update({
    where: { id },
    data: {
      ...patch,
      widgetsStatus: patch.widgetsStatus as Prisma.InputJsonValue | undefined,
      errors: patch.errors as Prisma.InputJsonValue | undefined,
    },
  });
}

export async function cancelOrchestrationsOf(db: PrismaClient, userId: string, connectionKey: string): Promise<void> {
  await db.orchestrationState.updateMany({
    where: { userId, connectionKey, cancellationRequested: false },
    data: { cancellationRequested: true, phase: "cancelled" },
  });
}

/** Deletes expired orchestration states and admin assistant sessions. */
export async function deleteExpiredOrchestrationData(db: PrismaClient, now = new Date()) {
  const [states, conversations] = await db.$transaction([
    db.orchestrationState.deleteMany({ where: { expiresAt: { lte: now } } }),
    db.assistantConversation.deleteMany({ where: { expiresAt: { lte: now } } }),
  ]);
  return { states: states.count, conversations: conversations.count };
}
