import type { Metadata } from "next";
import "./globals.css";

// Every page carries the nonce of its request's CSP (lib/server/security-headers.server.ts), which a
// page prerendered at build time cannot have.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Switchboard", template: "%s · Switchboard" },
  description: "Self-hostable live-chat support console",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
