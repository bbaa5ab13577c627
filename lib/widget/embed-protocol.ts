/**
 * The messages between the widget loader (on the business's page) and the chat page it frames
 * (`/chat/<slug>?embed=1`, on the app's origin), over window.postMessage. Each side sends only to
 * the other's exact origin and accepts only from it. The session token never crosses: it stays
 * in the frame. Universal (the loader is bundled from this file too).
 */

/** Tags every message, so other scripts' postMessage traffic on the page is ignored. */
export const WIDGET_MESSAGE_SOURCE = "switchboard-widget";

/** The query parameter that tells the frame its host page's origin (the postMessage target). */
export const HOST_ORIGIN_PARAM = "host_origin";

/** `Switchboard.identify(...)`: a signed-in user of the business's site (docs/integrations.md). */
export interface WidgetIdentity {
  external_id: string;
  user_hash: string;
  name?: string;
  email?: string;
}

/** What `Switchboard.on("message", fn)` receives: a message from the business's side. */
export interface WidgetChatMessage {
  body: string;
  author: "AGENT" | "ASSISTANT";
  created_at: string;
}

/** Frame → host page. */
export type FrameToHost =
  | { source: typeof WIDGET_MESSAGE_SOURCE; type: "ready" }
  | { source: typeof WIDGET_MESSAGE_SOURCE; type: "close" }
  | { source: typeof WIDGET_MESSAGE_SOURCE; type: "message"; message: WidgetChatMessage };

/** Host page → frame. `reset`: the site's user signed out; the frame forgets them and their chat. */
export type HostToFrame =
  | { source: typeof WIDGET_MESSAGE_SOURCE; type: "identify"; identity: WidgetIdentity }
  | { source: typeof WIDGET_MESSAGE_SOURCE; type: "open" }
  | { source: typeof WIDGET_MESSAGE_SOURCE; type: "reset" };

/** Whether `data` is one of ours (its shape is then read field by field, never trusted whole). */
export function isWidgetMessage(data: unknown): data is { source: typeof WIDGET_MESSAGE_SOURCE; type: string } {
  return typeof data === "object" && data !== null && (data as { source?: unknown }).source === WIDGET_MESSAGE_SOURCE && typeof (data as { type?: unknown }).type === "string";
}

/** The identity in a message or an API call, when it has the fields verification needs. */
export function readIdentity(value: unknown): WidgetIdentity | null {
  if (typeof value !== "object" || value === null) return null;
  const { external_id, user_hash, name, email } = value as Record<string, unknown>;
  if (typeof external_id !== "string" || typeof user_hash !== "string" || !external_id || !user_hash) return null;
  return { external_id, user_hash, ...(typeof name === "string" && name ? { name } : {}), ...(typeof email === "string" && email ? { email } : {}) };
}

/** The framed chat page of `slug` for a host page on `hostOrigin`. */
export const embedUrl = (appOrigin: string, slug: string, hostOrigin: string) => `${appOrigin}/chat/${encodeURIComponent(slug)}?embed=1&${HOST_ORIGIN_PARAM}=${encodeURIComponent(hostOrigin)}`;

/** The tag a business puts on its pages (docs/integrations.md). */
export const widgetSnippet = (scriptUrl: string, slug: string) => `<script src="${scriptUrl}" data-business="${slug}" async></script>`;
