import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { PublicCardPage } from "@/components/auth/public-card-page";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { getPrisma } from "@/lib/db/prisma-client.server";
import { loadPasswordResetTarget } from "@/lib/team/password-resets.server";

export const dynamic = "force-dynamic";

type Params = Promise<{ token: string }>;

// Metadata and the page read the same link: one query per request.
const loadTarget = cache((token: string) => loadPasswordResetTarget(getPrisma(), token));

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: (await loadTarget((await params).token)) ? "Choose a new password" : "Reset link not valid" };
}

/** The link in a password-reset email (or one an admin handed over): set a new password. */
export default async function ResetPasswordPage({ params }: { params: Params }) {
  const { token } = await params;
  const account = await loadTarget(token);
  if (!account) notFound();
  return (
    <PublicCardPage title="Choose a new password" intro={<span className="break-words">For {account.email}</span>}>
      <ResetPasswordForm token={token} account={account} />
    </PublicCardPage>
  );
}
