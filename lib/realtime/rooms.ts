/** Socket.IO rooms (server transport only): who receives which push. */

/** Staff of the business (queue, sessions, agents, typing). */
export const businessRoom = (businessId: string) => `business:${businessId}`;
/** The business's dashboards (widget pushes): only sockets that orchestrated a dashboard, not agent workspaces. */
export const widgetsRoom = (businessId: string) => `widgets:${businessId}`;
/** The customer's sockets of one chat. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
/** Every socket of one staff user, across nodes (presence). */
export const userRoom = (userId: string) => `user:${userId}`;
