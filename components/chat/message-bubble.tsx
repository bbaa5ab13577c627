import { messageParts } from "@/lib/chat/message-links";
import type { AttachmentWire } from "@/lib/contract/customer-chat";
import { isRasterImage } from "@/lib/files/content-type";
import { formatBytes } from "@/lib/files/file-name";

/** Which side of the conversation a message sits on, as the viewer sees it; a staff's private note sits apart from both. */
export type MessageSide = "outgoing" | "incoming" | "system" | "note";

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
  /** The file the message sends: an image shows inline, anything else is a link to download it. */
  attachment?: AttachmentWire | null;
}

/** An image as a preview (opening the full size in a new tab); any other file as a download link with its name and size. */
function Attachment({ attachment, outgoing }: { attachment: AttachmentWire; outgoing: boolean }) {
  if (isRasterImage(attachment.content_type)) {
    return (
      <a href={attachment.url} target="_blank" rel="noopener" className="block rounded-lg focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/60">
        {/* eslint-disable-next-line @next/next/no-img-element -- a signed, short-lived link: nothing for next/image to optimise or cache */}
        <img src={attachment.url} alt={attachment.file_name} className="max-h-60 max-w-full rounded-lg bg-slate-100 object-contain" />
      </a>
    );
  }
  return (
    <a
      href={attachment.url}
      download={attachment.file_name}
      className={`flex items-center gap-2 rounded-lg border px-3 py-2 underline-offset-2 hover:underline focus:outline-none focus-visible:ring-2 ${
        outgoing ? "border-white/40 text-white focus-visible:ring-white/70" : "border-slate-200 text-slate-900 focus-visible:ring-brand-500/60"
      }`}
    >
      <svg aria-hidden viewBox="0 0 16 16" className="size-4 shrink-0 fill-current">
        <path d="M4 1.5A1.5 1.5 0 0 0 2.5 3v10A1.5 1.5 0 0 0 4 14.5h8a1.5 1.5 0 0 0 1.5-1.5V5.56a1.5 1.5 0 0 0-.44-1.06l-2.56-2.56a1.5 1.5 0 0 0-1.06-.44H4Zm5 1.06L11.94 5.5H9.5a.5.5 0 0 1-.5-.5V2.56Z" />
      </svg>
      <span className="min-w-0 font-medium [overflow-wrap:anywhere]">{attachment.file_name}</span>
      <span className={`shrink-0 text-xs ${outgoing ? "text-white/80" : "text-slate-500"}`}>{formatBytes(attachment.byte_size)}</span>
    </a>
  );
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

/** Where this page's unsent message or note stands, with a retry once it failed. */
function DeliveryState({ delivery, privateNote }: { delivery: NonNullable<MessageBubbleProps["delivery"]>; privateNote: boolean }) {
  if (delivery.state === "sending") return <span className="px-1 text-xs text-slate-500">{privateNote ? "Saving…" : "Sending…"}</span>;
  return (
    <span className="flex flex-wrap items-center justify-end gap-2 px-1 text-xs text-red-700">
      {privateNote ? "Not saved" : "Not sent"}
      {delivery.error ? `: ${delivery.error}` : "."}
      <button type="button" onClick={delivery.onRetry} className="rounded font-medium underline underline-offset-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-400">
        Retry
      </button>
    </span>
  );
}

/**
 * A private note of the team, set apart from the conversation by more than colour: full width,
 * a dashed border, a lock and the words "Private note · only your team sees this".
 */
function NoteBubble({ author, body, sentAt, delivery }: Omit<MessageBubbleProps, "side" | "streaming">) {
  return (
    <li className="flex flex-col gap-1" data-author={author} data-kind="note" data-delivery={delivery?.state}>
      <span className="px-1 text-xs text-slate-600">
        {author} · <time dateTime={sentAt}>{timeOf(sentAt)}</time>
      </span>
      <div
        className={`rounded-lg border border-dashed border-amber-500 bg-amber-50 px-3.5 py-2 text-sm text-slate-900 ${delivery?.state === "sending" ? "opacity-70" : ""} ${
          delivery?.state === "failed" ? "ring-2 ring-red-400" : ""
        }`}
      >
        <p className="flex items-center gap-1.5 text-xs font-semibold text-amber-900">
          <svg aria-hidden viewBox="0 0 16 16" className="size-3.5 fill-current">
            <path d="M8 1a3.5 3.5 0 0 0-3.5 3.5V7H4a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V8a1 1 0 0 0-1-1h-.5V4.5A3.5 3.5 0 0 0 8 1Zm2 6H6V4.5a2 2 0 1 1 4 0V7Z" />
          </svg>
          Private note · only your team sees this
        </p>
        <p className="mt-1 whitespace-pre-wrap [overflow-wrap:anywhere]">
          <MessageBody body={body} />
        </p>
      </div>
      {delivery ? <DeliveryState delivery={delivery} privateNote /> : null}
    </li>
  );
}

export function MessageBubble({ author, body, sentAt, side, delivery, streaming, attachment }: MessageBubbleProps) {
  if (side === "note") return <NoteBubble author={author} body={body} sentAt={sentAt} delivery={delivery} />;
  if (side === "system") {
    return (
      <li className="px-4 text-center text-xs text-slate-500">
        <span className="[overflow-wrap:anywhere]">{body}</span> · <time dateTime={sentAt}>{timeOf(sentAt)}</time>
      </li>
    );
  }
  const outgoing = side === "outgoing";
  const bubbleClass = `max-w-[85%] whitespace-pre-wrap rounded-2xl px-3.5 py-2 text-sm [overflow-wrap:anywhere] ${
    outgoing ? "rounded-br-sm bg-brand-600 text-white" : "rounded-bl-sm border border-slate-200 bg-white text-slate-900"
  } ${delivery?.state === "sending" ? "opacity-70" : ""} ${delivery?.state === "failed" ? "ring-2 ring-red-400" : ""}`;
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
      {attachment ? (
        <div className={`${bubbleClass} space-y-2`} data-attachment={attachment.content_type}>
          <Attachment attachment={attachment} outgoing={outgoing} />
          {body ? (
            <p>
              <MessageBody body={body} />
            </p>
          ) : null}
        </div>
      ) : (
        <p className={bubbleClass}>
          <MessageBody body={body} />
          {streaming ? (
            <span aria-hidden className="ml-0.5 inline-block animate-pulse motion-reduce:animate-none">
              ▍
            </span>
          ) : null}
        </p>
      )}
      {delivery ? <DeliveryState delivery={delivery} privateNote={false} /> : null}
    </li>
  );
}
