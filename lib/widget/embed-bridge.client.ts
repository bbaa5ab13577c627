"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import type { ChatMessageWire } from "../contract/customer-chat";
import { isWidgetMessage, readIdentity, WIDGET_MESSAGE_SOURCE, type FrameToHost, type WidgetIdentity } from "./embed-protocol";

/** The chat page framed by the widget loader: what it learnt from the host page, and how it tells it things. */
export interface EmbedBridge {
  /** Set by the host page's `Switchboard.identify(...)`; null until then. */
  identity: WidgetIdentity | null;
  /** Asks the host page to close the panel (the loader returns the focus to its launcher). */
  close(): void;
  /** A new message from the business's side (the loader counts it as unread while closed). */
  report(message: ChatMessageWire): void;
}

const EmbedBridgeContext = createContext<EmbedBridge | null>(null);
export const EmbedBridgeProvider = EmbedBridgeContext.Provider;
/** The bridge when this page is framed by the widget, else null (the plain chat page). */
export const useEmbedBridge = () => useContext(EmbedBridgeContext);

/** Where the focus goes when the panel opens: the start form's first field, or the message box. */
const FIRST_FIELD = "main textarea:not([disabled]), main input:not([disabled]):not([type=hidden]):not([type=file])";

/**
 * The frame's side of lib/widget/embed-protocol.ts, when `hostOrigin` (the page's `host_origin`,
 * already a canonical origin) is set: it sends only to that origin and accepts only from the parent
 * window on it. The frame-ancestors rule has already limited who the parent can be. `onReset` runs
 * when the host page's user signs out (`Switchboard.reset()`): the page forgets its stored chat.
 */
export function useEmbedBridgeHost(hostOrigin: string | null, onReset: () => void): EmbedBridge | null {
  const [identity, setIdentity] = useState<WidgetIdentity | null>(null);
  const framed = hostOrigin !== null;

  const post = useCallback(
    (message: FrameToHost) => {
      if (hostOrigin && window.parent !== window) window.parent.postMessage(message, hostOrigin);
    },
    [hostOrigin],
  );

  useEffect(() => {
    if (!framed) return;
    const onMessage = (event: MessageEvent) => {
      if (event.source !== window.parent || event.origin !== hostOrigin || !isWidgetMessage(event.data)) return;
      const data = event.data as { type: string; identity?: unknown };
      if (data.type === "identify") {
        const next = readIdentity(data.identity);
        if (next) setIdentity((current) => (current && JSON.stringify(current) === JSON.stringify(next) ? current : next));
      } else if (data.type === "reset") {
        setIdentity(null);
        onReset();
      } else if (data.type === "open") {
        // The panel just opened: keyboard users land where they would type.
        document.querySelector<HTMLElement>(FIRST_FIELD)?.focus();
      }
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape" && !event.defaultPrevented) post({ source: WIDGET_MESSAGE_SOURCE, type: "close" });
    };
    window.addEventListener("message", onMessage);
    document.addEventListener("keydown", onKey);
    post({ source: WIDGET_MESSAGE_SOURCE, type: "ready" });
    return () => {
      window.removeEventListener("message", onMessage);
      document.removeEventListener("keydown", onKey);
    };
  }, [framed, hostOrigin, post, onReset]);

  return useMemo(
    () =>
      framed
        ? {
            identity,
            close: () => post({ source: WIDGET_MESSAGE_SOURCE, type: "close" }),
            report: (message: ChatMessageWire) => {
              if (message.author === "AGENT" || message.author === "ASSISTANT")
                post({ source: WIDGET_MESSAGE_SOURCE, type: "message", message: { body: message.body, author: message.author, created_at: message.created_at } });
            },
          }
        : null,
    [framed, identity, post],
  );
}

/**
 * Tells the host page about each message that arrives after the conversation first loaded (the
 * ones already there are not news). Nothing outside the widget's frame.
 */
export function useReportNewMessages(messages: readonly ChatMessageWire[], loaded: boolean) {
  const bridge = useEmbedBridge();
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!bridge || !loaded) return;
    if (seen.current === null) {
      seen.current = new Set(messages.map((message) => message.id));
      return;
    }
    for (const message of messages) {
      if (seen.current.has(message.id)) continue;
      seen.current.add(message.id);
      bridge.report(message);
    }
  }, [bridge, loaded, messages]);
}
