/**
 * The chat widget loader, served as GET /widget.js (bundled by lib/widget/widget-script.server.ts,
 * ES2017, no dependencies). On the business's page:
 *
 *   <script src="https://<app>/widget.js" data-business="<slug>" async></script>
 *
 * a launcher button and a panel framing `/chat/<slug>?embed=1` (the app's origin: the session
 * token stays there). `window.Switchboard` is the page's API; calls made through the queue stub
 * (`Switchboard("identify", {...})`) before this script ran are replayed in order.
 */
import { embedUrl, isWidgetMessage, readIdentity, WIDGET_MESSAGE_SOURCE, type HostToFrame, type WidgetChatMessage, type WidgetIdentity } from "./embed-protocol";

type MessageListener = (message: WidgetChatMessage) => void;

interface SwitchboardApi {
  (command: string, ...args: unknown[]): void;
  open(): void;
  close(): void;
  identify(identity: WidgetIdentity): void;
  reset(): void;
  on(event: "message", listener: MessageListener): void;
  /** Calls queued by the stub before the script loaded. */
  q?: ArrayLike<unknown>[];
  loaded?: boolean;
}

declare global {
  interface Window {
    Switchboard?: SwitchboardApi;
  }
}

const STYLE = `
:host { all: initial; }
.launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483646; width: 56px; height: 56px; border: 0; border-radius: 50%;
  background: #1d4ed8; color: #fff; cursor: pointer; box-shadow: 0 4px 14px rgba(15, 23, 42, .3); display: flex; align-items: center; justify-content: center; padding: 0; }
.launcher:hover { background: #1e40af; }
.launcher:focus { outline: none; }
.launcher:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 3px; box-shadow: 0 0 0 3px #fff; }
.launcher svg { width: 28px; height: 28px; fill: currentColor; }
.badge { position: absolute; top: -4px; right: -4px; min-width: 22px; height: 22px; padding: 0 6px; box-sizing: border-box; border-radius: 11px;
  background: #b91c1c; color: #fff; font: 700 12px/22px system-ui, sans-serif; text-align: center; }
.badge[hidden], .panel[hidden] { display: none; }
.panel { position: fixed; right: 20px; bottom: 88px; z-index: 2147483647; width: 380px; height: min(640px, calc(100vh - 108px));
  border-radius: 12px; overflow: hidden; background: #fff; box-shadow: 0 12px 40px rgba(15, 23, 42, .35); }
.panel iframe { width: 100%; height: 100%; border: 0; display: block; }
@media (max-width: 640px) {
  .panel { inset: 0; width: 100%; height: 100%; border-radius: 0; }
}`;

const CHAT_ICON = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg>';

function start(script: HTMLScriptElement, slug: string) {
  const appOrigin = new URL(script.src, location.href).origin;
  const listeners: MessageListener[] = [];
  let identity: WidgetIdentity | null = null;
  let frameReady = false;
  // A reset asked for before the frame could hear it (the stub's queue runs at load): sent on ready.
  let resetPending = false;
  let open = false;
  let unread = 0;

  const host = document.createElement("div");
  host.setAttribute("data-switchboard-widget", "");
  const root = host.attachShadow({ mode: "open" });
  root.innerHTML = `<style>${STYLE}</style>
<button type="button" class="launcher" aria-expanded="false" aria-controls="switchboard-panel">${CHAT_ICON}<span class="badge" aria-hidden="true" hidden></span></button>
<div class="panel" id="switchboard-panel" role="region" aria-label="Support chat" hidden><iframe title="Support chat"></iframe></div>`;
  const launcher = root.querySelector("button") as HTMLButtonElement;
  const badge = root.querySelector(".badge") as HTMLSpanElement;
  const panel = root.querySelector(".panel") as HTMLDivElement;
  const frame = root.querySelector("iframe") as HTMLIFrameElement;
  // Loaded at once, hidden: the chat's socket is live while the panel is closed, for the unread badge.
  frame.src = embedUrl(appOrigin, slug, location.origin);

  function renderLauncher() {
    launcher.setAttribute("aria-expanded", String(open));
    launcher.setAttribute("aria-label", open ? "Close support chat" : unread > 0 ? `Open support chat, ${unread} unread ${unread === 1 ? "message" : "messages"}` : "Open support chat");
    badge.textContent = String(unread);
    badge.hidden = unread === 0;
  }

  function post(message: HostToFrame) {
    if (frameReady) frame.contentWindow?.postMessage(message, appOrigin);
  }

  function openPanel() {
    open = true;
    unread = 0;
    panel.hidden = false;
    renderLauncher();
    frame.focus();
    post({ source: WIDGET_MESSAGE_SOURCE, type: "open" });
  }

  function closePanel() {
    if (!open) return;
    // Focus inside the widget (the frame, or the panel) goes back to the launcher; elsewhere on the page it stays.
    const focusInWidget = document.activeElement === host;
    open = false;
    panel.hidden = true;
    renderLauncher();
    if (focusInWidget) launcher.focus();
  }

  launcher.addEventListener("click", () => (open ? closePanel() : openPanel()));
  // Escape on the page's side of the panel (inside the frame, the chat page asks to close instead).
  root.addEventListener("keydown", (event) => {
    if ((event as KeyboardEvent).key === "Escape" && open) closePanel();
  });

  window.addEventListener("message", (event) => {
    if (event.origin !== appOrigin || event.source !== frame.contentWindow || !isWidgetMessage(event.data)) return;
    const data = event.data as { type: string; message?: Partial<WidgetChatMessage> };
    if (data.type === "ready") {
      frameReady = true;
      if (resetPending) post({ source: WIDGET_MESSAGE_SOURCE, type: "reset" });
      resetPending = false;
      if (identity) post({ source: WIDGET_MESSAGE_SOURCE, type: "identify", identity });
      if (open) post({ source: WIDGET_MESSAGE_SOURCE, type: "open" });
    } else if (data.type === "close") {
      closePanel();
    } else if (data.type === "message" && data.message && typeof data.message.body === "string") {
      const message: WidgetChatMessage = { body: data.message.body, author: data.message.author === "AGENT" ? "AGENT" : "ASSISTANT", created_at: String(data.message.created_at) };
      if (!open) {
        unread += 1;
        renderLauncher();
      }
      for (const listener of listeners) {
        try {
          listener(message);
        } catch (error) {
          console.error("Switchboard: a message listener failed", error);
        }
      }
    }
  });

  const commands: Record<string, (...args: unknown[]) => void> = {
    open: openPanel,
    close: closePanel,
    identify(value) {
      const next = readIdentity(value);
      if (!next) {
        console.error("Switchboard.identify needs { external_id, user_hash } (strings); name and email are optional.");
        return;
      }
      identity = next;
      post({ source: WIDGET_MESSAGE_SOURCE, type: "identify", identity });
    },
    // The site's user signed out: on a shared computer the next visitor must not see their chat.
    reset() {
      identity = null;
      unread = 0;
      closePanel();
      renderLauncher();
      if (frameReady) post({ source: WIDGET_MESSAGE_SOURCE, type: "reset" });
      else resetPending = true;
    },
    on(event, listener) {
      if (event === "message" && typeof listener === "function") listeners.push(listener as MessageListener);
      else console.error('Switchboard.on supports "message" with a function.');
    },
  };
  const api = function (command: string, ...args: unknown[]) {
    const run = Object.prototype.hasOwnProperty.call(commands, command) ? commands[command] : undefined;
    if (run) run(...args);
    else console.error(`Switchboard: unknown command "${command}".`);
  } as SwitchboardApi;
  api.open = () => commands.open();
  api.close = () => commands.close();
  api.identify = (value) => commands.identify(value);
  api.reset = () => commands.reset();
  api.on = (event, listener) => commands.on(event, listener);
  api.loaded = true;

  const queued = window.Switchboard?.q ?? [];
  window.Switchboard = api;
  renderLauncher();
  document.body.appendChild(host);
  for (const call of Array.from(queued)) {
    const [command, ...args] = Array.from(call);
    api(String(command), ...args);
  }
}

const script = document.currentScript as HTMLScriptElement | null;
const slug = script?.getAttribute("data-business");
if (!script || !slug) console.error('Switchboard: load the widget with <script src=".../widget.js" data-business="<your business slug>" async></script>.');
else if (window.Switchboard?.loaded) console.error("Switchboard: the widget script is on this page twice; the second copy does nothing.");
else if (document.body) start(script, slug);
else document.addEventListener("DOMContentLoaded", () => start(script, slug));
