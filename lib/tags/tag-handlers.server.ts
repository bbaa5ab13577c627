import type { DashboardClientToServerEvents } from "../contract/dashboard";
import type { HandlerTable } from "../contract/handlers";
import { actorOf, optimistic, type StaffChatHandlerDeps } from "../chat/staff-handlers.server";
import type { StaffConnection } from "../tenancy/staff-connection";
import { tagSession } from "./tags-live.server";

/** `session.tag` on one staff connection: acknowledged at once, confirmed with the chat as it now stands. */
export function staffTagHandlers(connection: StaffConnection, deps: StaffChatHandlerDeps) {
  const { db, liveChat } = deps;
  return {
    "session.tag": optimistic(
      connection,
      deps,
      "session.tag",
      (payload) => payload.request_id,
      async (payload) => ({ session: (await tagSession(db, liveChat, await actorOf(db, connection, payload.session_id), payload.session_id, payload.tag_id, payload.action)).session }),
    ),
  } satisfies HandlerTable<DashboardClientToServerEvents>;
}
