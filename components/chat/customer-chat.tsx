"use client";

import { useCustomerChat } from "@/lib/chat/use-customer-chat.client";
import { ChatHeader, type ChatBrand } from "./chat-header";
import { CustomerConversation } from "./customer-conversation";
import { StartChatForm } from "./start-chat-form";

/** The public chat page of one business: the start form, or the chat this browser has open with it. */
export function CustomerChat({ business }: { business: ChatBrand & { slug: string } }) {
  const { credential, start, forget } = useCustomerChat(business.slug);
  return (
    <div className="mx-auto flex h-dvh w-full max-w-2xl flex-col bg-white sm:border-x sm:border-slate-200">
      <ChatHeader brand={business} />
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
