import type { Metadata } from "next";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { PublicCardPage } from "@/components/auth/public-card-page";
import { mailerFromEnv } from "@/lib/mail/mailer.server";
import { REQUESTED_RESET_TTL_MS } from "@/lib/team/password-resets.server";

export const metadata: Metadata = { title: "Forgot password" };
export const dynamic = "force-dynamic";

const minutes = REQUESTED_RESET_TTL_MS / 60_000;
const LINK_LIFETIME = minutes % 60 === 0 ? (minutes === 60 ? "an hour" : `${minutes / 60} hours`) : `${minutes} minutes`;

/** "Forgot password?" from the sign-in form: a reset link by email, when this server sends email. */
export default function ForgotPasswordPage() {
  const emailEnabled = mailerFromEnv() !== null;
  return (
    <PublicCardPage title="Forgot your password?" back={{ href: "/login", label: "Back to sign in" }}>
      {emailEnabled ? (
        <ForgotPasswordForm linkLifetime={LINK_LIFETIME} />
      ) : (
        <p className="text-sm text-slate-700">Password reset by email is not set up here. Ask an owner or admin of your business for a reset link.</p>
      )}
    </PublicCardPage>
  );
}
