/**
 * The in-page probe of bench:screen, installed before any page script (Playwright addInitScript).
 * Plain JavaScript in a string: tsx compiles the bench, and functions it compiled do not survive
 * Playwright's serialisation into the page. Times are epoch milliseconds of the page's
 * high-resolution clock (performance.timeOrigin + performance.now()), on the same machine clock as
 * the bench's own.
 *
 * - frames[name][event]: the first websocket frame that carries the name, per Socket.IO event (a
 *   `dashboard.data_updated` per widget), recorded in a listener added before socket.io's own.
 * - seen[name]: when a DOM node with the name was inserted into the watched list (MutationObserver);
 *   painted[name]: the next animation frame after that.
 * - commits / renders: React commits, and the components that rendered in them per dashboard panel
 *   (by the Panel's `title`), through the hook React offers developer tools. Which fiber rendered is
 *   read as React DevTools reads it (PerformedWork on fibers of re-rendered subtrees), so it depends
 *   on React internals: a diagnostic, not a contract.
 */
export interface ScreenProbeConfig {
  /** Source of a global RegExp matching the bench's customer names. */
  namePattern: string;
  /** The list watched: the dashboard's Waiting queue panel or the workspace's queue. */
  list: "dashboard-waiting-queue" | "workspace-queue";
}

export interface ScreenProbe {
  frames: Record<string, Record<string, number>>;
  seen: Record<string, number>;
  painted: Record<string, number>;
  commits: number;
  /** Component renders per panel title ("page" outside any panel); `panel` counts the Panel frame itself. */
  renders: Record<string, { panel: number; components: number }>;
  /** Long tasks (≥ 50 ms of main thread), epoch start and duration. */
  longTasks: [number, number][];
}

const PROBE_SOURCE = String.raw`
(config) => {
  const now = () => performance.timeOrigin + performance.now();
  const pattern = new RegExp(config.namePattern, "g");
  const probe = { frames: {}, seen: {}, painted: {}, commits: 0, renders: {}, longTasks: [] };
  window.__screenProbe = probe;
  window.__screenProbeNow = now;

  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        if (typeof event.data !== "string") return;
        const at = now();
        const names = event.data.match(pattern);
        if (!names) return;
        const eventName = /^42(?:\/[^,]*,)?\d*\["([^"]+)"/.exec(event.data)?.[1] ?? "other";
        const widget = eventName === "dashboard.data_updated" ? /"widget":"(\w+)"/.exec(event.data)?.[1] : undefined;
        const key = widget ? eventName + ":" + widget : eventName;
        for (const name of names) {
          const frames = (probe.frames[name] ??= {});
          frames[key] ??= at;
        }
      });
    }
  };

  const inWatchedList = (element) => {
    const section = element?.closest("section");
    if (!section) return false;
    if (config.list === "workspace-queue") return section.getAttribute("aria-labelledby") === "queue-heading";
    return section.querySelector("h2")?.textContent === "Waiting queue";
  };
  let unpainted = [];
  new MutationObserver((mutations) => {
    const at = now();
    for (const mutation of mutations) {
      for (const node of mutation.addedNodes) {
        const names = node.textContent?.match(pattern);
        if (!names || !inWatchedList(node.nodeType === 1 ? node : node.parentElement)) continue;
        for (const name of names) {
          if (probe.seen[name] !== undefined) continue;
          probe.seen[name] = at;
          unpainted.push(name);
        }
      }
    }
    if (unpainted.length === 0) return;
    const names = unpainted;
    unpainted = [];
    requestAnimationFrame(() => {
      const frameAt = now();
      for (const name of names) probe.painted[name] = frameAt;
    });
  }).observe(document, { childList: true, subtree: true });

  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) probe.longTasks.push([performance.timeOrigin + entry.startTime, entry.duration]);
    }).observe({ type: "longtask", buffered: true });
  } catch {}

  // FunctionComponent, ClassComponent, ForwardRef, SimpleMemoComponent (a MemoComponent wraps one of these); PerformedWork.
  const COMPONENT_TAGS = new Set([0, 1, 11, 15]);
  const PERFORMED_WORK = 1;
  const count = (owner, isPanel) => {
    const entry = (probe.renders[owner] ??= { panel: 0, components: 0 });
    entry.components += 1;
    if (isPanel) entry.panel += 1;
  };
  const visitChildren = (parent, owner) => {
    // The same child list as before: nothing below was rendered in this commit.
    if (parent.alternate && parent.child === parent.alternate.child) return;
    for (let fiber = parent.child; fiber; fiber = fiber.sibling) visit(fiber, owner);
  };
  const visit = (fiber, owner) => {
    const props = fiber.memoizedProps;
    const isPanel = !!props && typeof props.title === "string" && "hasData" in props && "status" in props;
    const here = isPanel ? props.title : owner;
    if (COMPONENT_TAGS.has(fiber.tag) && (fiber.alternate === null || (fiber.flags & PERFORMED_WORK) !== 0)) count(here, isPanel);
    visitChildren(fiber, here);
  };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject: () => 1,
    checkDCE: () => {},
    onScheduleFiberRoot: () => {},
    onCommitFiberUnmount: () => {},
    onPostCommitFiberRoot: () => {},
    onCommitFiberRoot: (_renderer, root) => {
      probe.commits += 1;
      try {
        visitChildren(root.current, "page");
      } catch {}
    },
  };
}
`;

/** The init script's content for one page. */
export function screenProbeScript(config: ScreenProbeConfig): string {
  return `(${PROBE_SOURCE})(${JSON.stringify(config)});`;
}

// What the probe script puts on the page's window, for the bench's page.evaluate callbacks.
declare global {
  interface Window {
    __screenProbe: ScreenProbe;
    __screenProbeNow: () => number;
  }
}
