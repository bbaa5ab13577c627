"use client";

import { useCustomerChat } from "@/lib/chat/use-customer-chat.client";
import { CustomerConversation } from "./customer-conversation";
import { StartChatForm } from "./start-chat-form";

/** The public chat page of one business: the start form, or the chat this browser has open with it. */
export function CustomerChat({ business }: { business: { slug: string; name: string } }) {
  const { credential, start, forget } = useCustomerChat(business.slug);
  return (
    <div className="mx-auto flex h-dvh w-full max-w-2xl flex-col bg-white sm:border-x sm:border-slate-200">
      <header className="flex items-center gap-3 bg-brand-600 px-4 py-3 text-white">
        <span aria-hidden className="flex h-9 w-9 shrink-0 items-center justify-center rounded-full bg-white/15 text-sm font-semibold">
          {business.name.slice(0, 1).toUpperCase()}
        </span>
        <div className="min-w-0">
          <h1 className="truncate text-base font-semibold">{business.name}</h1>
          <p className="text-xs text-brand-100">Live chat</p>
        </div>
      </header>
      {credential === undefined ? (
        <p className="p-6 text-sm text-slate-500">Loading…</p>
      ) : credential === null ? (
        <StartChatForm businessName={business.name} onStart={start} />
      ) : (
        <CustomerConversation key={credential.session_id} credential={credential} businessName={business.name} onLeave={forget} />
      )}
    </div>
  );
}
