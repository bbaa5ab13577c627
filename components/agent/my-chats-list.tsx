import type { MyChat } from "@/lib/agent/workspace-state";

interface Props {
  chats: MyChat[];
  capacity: number;
  selectedId: string | null;
  onSelect: (sessionId: string) => void;
}

/** The chats the signed-in agent holds, against their capacity. */
export function MyChatsList({ chats, capacity, selectedId, onSelect }: Props) {
  return (
    <section aria-labelledby="my-chats-heading" className="shrink-0 border-t border-slate-200">
      <h2 id="my-chats-heading" className="px-4 pt-4 text-sm font-semibold uppercase tracking-wide text-slate-500">
        My chats{" "}
        <span className="font-normal">
          ({chats.length}/{capacity})
        </span>
      </h2>
      {chats.length === 0 ? <p className="px-4 py-3 text-sm text-slate-500">Claim a chat from the queue to start.</p> : null}
      <ul className="mt-2 space-y-1 px-2 pb-3">
        {chats.map((chat) => (
          <li key={chat.id} data-session-id={chat.id}>
            <button
              type="button"
              onClick={() => onSelect(chat.id)}
              aria-current={chat.id === selectedId ? "true" : undefined}
              className={`flex w-full items-center justify-between gap-2 rounded-md px-2 py-2 text-left text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40 ${
                chat.id === selectedId ? "bg-brand-50 font-medium text-brand-700" : "hover:bg-slate-50"
              }`}
            >
              <span className="truncate">{chat.customerName ?? "Visitor"}</span>
              {chat.unread ? <span className="shrink-0 rounded-full bg-brand-600 px-2 text-xs font-medium text-white">New</span> : null}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
