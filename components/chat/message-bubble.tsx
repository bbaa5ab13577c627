import { messageParts } from "@/lib/chat/message-links";

/** Which side of the conversation a message sits on, as the viewer sees it. */
export type MessageSide = "outgoing" | "incoming" | "system";

interface MessageBubbleProps {
  author: string;
  body: string;
  /** ISO instant. */
  sentAt: string;
  side: MessageSide;
  /** Set for a message this page sent that the server has not stored yet. */
  delivery?: { state: "sending" | "failed"; error: string | null; onRetry: () => void };
  /** The assistant is still writing it (the text grows as it streams). */
  streaming?: boolean;
}

/** The body as text, with links to help articles as links. */
function MessageBody({ body }: { body: string }) {
  return messageParts(body).map((part, index) =>
    part.kind === "link" ? (
      <a key={index} href={part.href} target="_blank" rel="noopener" className="font-medium underline underline-offset-2">
        {part.text}
      </a>
    ) : (
      part.text
    ),
  );
}

const timeOf = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

export function MessageBubble({ author, body, sentAt, side, delivery, streaming }: MessageBubbleProps) {
  if (side === "system") {
    return (
      <li className="px-4 text-center text-xs text-slate-500">
        <span className="[overflow-wrap:anywhere]">{body}</span> · <time dateTime={sentAt}>{timeOf(sentAt)}</time>
      </li>
    );
  }
  const outgoing = side === "outgoing";
  return (
    <li
      className={`flex flex-col gap-1 ${outgoing ? "items-end" : "items-start"}`}
      data-author={author}
      data-delivery={delivery?.state}
      data-streaming={streaming || undefined}
      aria-busy={streaming || undefined}
    >
      <span className="px-1 text-xs text-slate-500">
        {author} · <time dateTime={sentAt}>{timeOf(sentAt)}</time>
      </span>
      <p
        className={`max-w-[85%] whitespace-pre-wrap rounded-2xl px-3.5 py-2 text-sm [overflow-wrap:anywhere] ${
          outgoing ? "rounded-br-sm bg-brand-600 text-white" : "rounded-bl-sm border border-slate-200 bg-white text-slate-900"
        } ${delivery?.state === "sending" ? "opacity-70" : ""} ${delivery?.state === "failed" ? "ring-2 ring-red-400" : ""}`}
      >
        <MessageBody body={body} />
        {streaming ? (
          <span aria-hidden className="ml-0.5 inline-block animate-pulse motion-reduce:animate-none">
            ▍
          </span>
        ) : null}
      </p>
      {delivery?.state === "sending" ? <span className="px-1 text-xs text-slate-500">Sending…</span> : null}
      {delivery?.state === "failed" ? (
        <span className="flex flex-wrap items-center justify-end gap-2 px-1 text-xs text-red-700">
          Not sent{delivery.error ? `: ${delivery.error}` : "."}
          <button type="button" onClick={delivery.onRetry} className="rounded font-medium underline underline-offset-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-400">
            Retry
          </button>
        </span>
      ) : null}
    </li>
  );
}
