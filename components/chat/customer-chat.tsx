"use client";

import { useCallback } from "react";
import { forgetStoredChat } from "@/lib/chat/chat-credential-storage.client";
import { useCustomerChat } from "@/lib/chat/use-customer-chat.client";
import { ChatHeader, type ChatBrand } from "./chat-header";
import { CustomerConversation } from "./customer-conversation";
import { StartChatForm } from "./start-chat-form";
import { useDeskRefresh } from "./desk-notice";
import type { DeskStatusWire } from "@/lib/contract/business-hours";
import { PastConversations } from "./past-conversations";
import { EmbedBridgeProvider, useEmbedBridgeHost } from "@/lib/widget/embed-bridge.client";

interface Props {
  business: ChatBrand & { slug: string };
  /** Whether a person can answer now (business hours): read again at its next change. */
  desk: DeskStatusWire;
  /** Framed by the widget loader (`?embed=1`): the origin of the page that frames it, once checked; null for an unknown one. */
  embed?: { hostOrigin: string | null };
}

/** The public chat page of one business: the start form, or the chat this browser has open with it. */
export function CustomerChat({ business, desk, embed }: Props) {
  useDeskRefresh(desk);
  const forgetChat = useCallback(() => forgetStoredChat(business.slug), [business.slug]);
  const bridge = useEmbedBridgeHost(embed?.hostOrigin ?? null, forgetChat);
  const identity = bridge?.identity ?? null;
  const { credential, start, forget } = useCustomerChat(business.slug, identity);
  const layout = embed ? "flex h-dvh w-full flex-col bg-white" : "mx-auto flex h-dvh w-full max-w-2xl flex-col bg-white sm:border-x sm:border-slate-200";
  const close = bridge ? (
    <button
      type="button"
      onClick={bridge.close}
      aria-label="Minimise chat"
      className="shrink-0 rounded-md px-2 text-2xl leading-none hover:bg-current/10 focus:outline-none focus-visible:ring-2 focus-visible:ring-current"
    >
      <span aria-hidden>×</span>
    </button>
  ) : null;
  return (
    <EmbedBridgeProvider value={bridge}>
      <div className={layout}>
        <ChatHeader brand={business} action={close} />
        {credential === undefined ? (
          <p className="p-6 text-sm text-slate-500">Loading…</p>
        ) : credential === null ? (
          <div className="flex min-h-0 flex-1 flex-col overflow-y-auto">
            <StartChatForm businessName={business.name} desk={desk} onStart={start} />
            {identity ? <PastConversations slug={business.slug} identity={identity} /> : null}
          </div>
        ) : (
          <CustomerConversation key={credential.session_id} credential={credential} businessName={business.name} desk={desk} onLeave={forget} />
        )}
      </div>
    </EmbedBridgeProvider>
  );
}
