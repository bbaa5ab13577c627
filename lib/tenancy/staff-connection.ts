import type { DashboardServerToClientEvents } from "../contract/dashboard";

/**
 * A staff member's live connection as the domains see it; lib/realtime implements it over a
 * /dashboard socket. Its user's membership is checked by whoever makes it watch a business.
 */
export interface StaffConnection {
  /** Stable for the connection's life (orchestration records are keyed by it). */
  readonly id: string;
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly connected: boolean;
  /** The business it works in, once checked (kept after access to it ended, so its events answer not_found). */
  readonly businessId: string | undefined;
  /** The orchestration allowed to emit on this connection; any other one is cancelled. */
  orchestrationId: string | undefined;
  /** Receives the business's live updates from now on, and no longer the previous one's; `widgets`: its dashboard widgets too. */
  watchBusiness(businessId: string, options: { widgets: boolean }): Promise<void>;
  emit<E extends keyof DashboardServerToClientEvents>(event: E, ...args: Parameters<DashboardServerToClientEvents[E]>): void;
  onClose(listener: () => void): void;
}
