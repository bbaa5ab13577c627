/** Socket.IO rooms (server transport only): who receives which push. */

/** Staff of the business (queue, sessions, agents, typing). */
export const businessRoom = (businessId: string) => `business:${businessId}`;
const WIDGETS_ROOM_PREFIX = "widgets:";
/** The business's dashboards (widget pushes): only sockets that orchestrated a dashboard, not agent workspaces. */
export const widgetsRoom = (businessId: string) => `${WIDGETS_ROOM_PREFIX}${businessId}`;
/** The businesses whose widgets rooms are among `rooms` (room names, e.g. the rooms of one node's sockets). */
export const watchedBusinessIds = (rooms: Iterable<string>) => [...rooms].filter((room) => room.startsWith(WIDGETS_ROOM_PREFIX)).map((room) => room.slice(WIDGETS_ROOM_PREFIX.length));
/** The customer's sockets of one chat. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
/** Every socket of one staff user, across nodes (presence). */
export const userRoom = (userId: string) => `user:${userId}`;
