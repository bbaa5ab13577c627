import { AppError } from "../errors/app-error";
import type { LiveChat } from "./live-chat.server";

/**
 * The process's live chat, for Next's route handlers: they run in the same process as the custom
 * server but in separately bundled modules, so it is shared through globalThis (like getPrisma).
 * Null where no live app runs (the `npm run setup` CLI): then the periodic reconcile pass routes
 * waiting chats and presence expiry marks agents offline.
 */
const globalKey = Symbol.for("switchboard.liveChat");
type GlobalWithLiveChat = typeof globalThis & { [globalKey]?: LiveChat };

export function registerLiveChat(liveChat: LiveChat | undefined): void {
  (globalThis as GlobalWithLiveChat)[globalKey] = liveChat;
}

export function registeredLiveChat(): LiveChat | null {
  return (globalThis as GlobalWithLiveChat)[globalKey] ?? null;
}

/** For routes whose change is live by nature (a note the team sees at once): refused where no live app runs. */
export function requireLiveChat(): LiveChat {
  const liveChat = registeredLiveChat();
  if (!liveChat) throw new AppError("unavailable", "Live chat is not running in this process.");
  return liveChat;
}
