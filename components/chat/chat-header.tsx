"use client";

import { useState, type ReactNode } from "react";
import { readableTextOn } from "@/lib/contract/brand-colors";

export interface ChatBrand {
  name: string;
  /** `#rrggbb`: the header's background; its text is white or near-black, whichever reads better. */
  brandColor: string;
  /** An https image shown instead of the name's initial. */
  logoUrl: string | null;
}

/** The top of the customer chat page in the business's colours and logo (the settings page previews it too). */
export function ChatHeader({ brand, as: Heading = "h1", action }: { brand: ChatBrand; as?: "h1" | "p"; /** At the right end (the widget's close button). */ action?: ReactNode }) {
  const color = readableTextOn(brand.brandColor);
  return (
    <header className="flex items-center gap-3 px-4 py-3" style={{ backgroundColor: brand.brandColor, color }}>
      <ChatLogo key={brand.logoUrl ?? ""} brand={brand} />
      <div className="min-w-0 flex-1">
        <Heading className="truncate text-base font-semibold">{brand.name}</Heading>
        <p className="text-xs">Live chat</p>
      </div>
      {action}
    </header>
  );
}

/** The logo, or the name's first letter when there is none or it does not load. */
function ChatLogo({ brand }: { brand: ChatBrand }) {
  const [failed, setFailed] = useState(false);
  if (brand.logoUrl && !failed) {
    return (
      // eslint-disable-next-line @next/next/no-img-element -- the business's own https logo from anywhere: next/image would need each host configured
      <img
        // A server-painted image may have failed before React listened for onError: look once on mount.
        ref={(img) => {
          if (img?.complete && img.naturalWidth === 0) setFailed(true);
        }}
        src={brand.logoUrl}
        alt={`${brand.name} logo`}
        onError={() => setFailed(true)}
        className="h-9 w-9 shrink-0 rounded-full bg-white object-contain"
      />
    );
  }
  return (
    <span aria-hidden className="flex h-9 w-9 shrink-0 items-center justify-center rounded-full bg-current/15 text-sm font-semibold">
      {brand.name.slice(0, 1).toUpperCase()}
    </span>
  );
}
