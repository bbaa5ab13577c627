import { verifyAuthSession } from "../auth/auth-sessions.server";
import type { PrismaClient } from "../db/prisma-client.server";
import { AppError } from "../errors/app-error";
import { describeError, type Logger } from "../observability/logger";
import type { DashboardSocket } from "./dashboard-socket.server";
import { refusePacket } from "./register-handlers.server";

/** A staff socket's sign-in is re-read at most this often; a notification ends it at once anyway. */
export const SESSION_RECHECK_MS = 1_000;

/**
 * Event middleware: an ended sign-in acts on nothing, even if its notification was lost. Events
 * pass in arrival order (handlers rely on it): while a check is running, the events behind it wait
 * for the same check.
 */
export function applySessionCheck(socket: DashboardSocket, deps: { db: PrismaClient; logger: Logger; onEnded(): void }): void {
  let checkedAt = Date.now(); // the handshake has just checked it
  let running: Promise<boolean> | null = null;

  socket.use((packet, next) => {
    if (!running && Date.now() - checkedAt < SESSION_RECHECK_MS) return next();
    running ??= verifyAuthSession(deps.db, { uid: socket.data.userId, sid: socket.data.sessionId }).then((staff) => {
      checkedAt = Date.now();
      running = null;
      return staff !== null;
    });
    running.then(
      (valid) => {
        if (valid) return next();
        refusePacket(packet, new AppError("unauthorized", "Your session has ended. Sign in again."));
        deps.onEnded();
      },
      (error: unknown) => {
        running = null;
        deps.logger.error("socket session check failed", { error: describeError(error) });
        refusePacket(packet, new AppError("unavailable", "Could not check your session; try again."));
      },
    );
  });
}
