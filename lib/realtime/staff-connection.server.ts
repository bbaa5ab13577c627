import type { StaffConnection } from "../tenancy/staff-connection";
import type { DashboardSocket } from "./dashboard-socket.server";
import type { DashboardWatchers } from "./dashboard-watchers.server";
import { businessRoom, widgetsRoom } from "./rooms";

/**
 * Moves the socket into its business's rooms (leaving the previous business's) after the
 * membership check; a dashboard also joins the business's widgets room.
 */
async function joinBusinessRooms(socket: DashboardSocket, dashboards: Pick<DashboardWatchers, "opened">, businessId: string, options: { widgets: boolean }): Promise<void> {
  const previous = socket.data.businessId;
  if (previous && previous !== businessId) {
    await socket.leave(businessRoom(previous));
    await socket.leave(widgetsRoom(previous));
  }
  await socket.join(options.widgets ? [businessRoom(businessId), widgetsRoom(businessId)] : businessRoom(businessId));
  socket.data.businessId = businessId;
  if (options.widgets) await dashboards.opened(businessId);
}

/**
 * Out of its business's rooms at once (membership removed): no push of that business reaches it
 * after this, and its orchestration stops emitting. `businessId` stays, so the socket's further
 * events about that business answer like a business that does not exist.
 */
export function leaveBusinessRooms(socket: DashboardSocket): void {
  const businessId = socket.data.businessId;
  if (!businessId) return;
  // Leaving the in-memory adapter's rooms is synchronous.
  void socket.leave(businessRoom(businessId));
  void socket.leave(widgetsRoom(businessId));
  socket.data.orchestrationId = undefined;
}

/** Whether the socket is in its business's rooms (receives its pushes). */
export const inBusinessRooms = (socket: DashboardSocket) => !!socket.data.businessId && socket.rooms.has(businessRoom(socket.data.businessId));

/** The domains' view of a /dashboard socket (lib/tenancy/staff-connection.ts). */
export function staffConnection(socket: DashboardSocket, dashboards: Pick<DashboardWatchers, "opened">): StaffConnection {
  return {
    id: socket.id,
    userId: socket.data.userId,
    email: socket.data.email,
    name: socket.data.name,
    get connected() {
      return socket.connected;
    },
    get businessId() {
      return socket.data.businessId;
    },
    get orchestrationId() {
      return socket.data.orchestrationId;
    },
    set orchestrationId(id) {
      socket.data.orchestrationId = id;
    },
    watchBusiness: (businessId, options) => joinBusinessRooms(socket, dashboards, businessId, options),
    emit: (event, ...args) => socket.emit(event, ...args),
    onClose: (listener) => socket.on("disconnect", listener),
  };
}
