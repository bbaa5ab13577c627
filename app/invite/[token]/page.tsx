import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { notFound } from "next/navigation";
import { cache } from "react";
import { AcceptInviteForm } from "@/components/auth/accept-invite-form";
import { PublicCardPage } from "@/components/auth/public-card-page";
import { authOptions } from "@/lib/auth/auth-options.server";
import { getPrisma } from "@/lib/db/prisma-client.server";
import { loadInvitePreview } from "@/lib/team/invites.server";

export const dynamic = "force-dynamic";

type Params = Promise<{ token: string }>;

const ROLE_PHRASES = { OWNER: "an owner", ADMIN: "an admin", AGENT: "an agent" } as const;

// Metadata and the page read the same invitation: one query per request.
const loadInvite = cache((token: string) => loadInvitePreview(getPrisma(), token));

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const invite = await loadInvite((await params).token);
  return { title: invite ? `Join ${invite.business_name}` : "Invitation not valid" };
}

/** The link in an invitation email: join the business with a new account or an existing one. */
export default async function InvitePage({ params }: { params: Params }) {
  const { token } = await params;
  const invite = await loadInvite(token);
  if (!invite) notFound();
  const session = await getServerSession(authOptions);
  const signedInEmail = session?.user?.email;
  const signedInAs = signedInEmail && signedInEmail.toLowerCase() !== invite.email.toLowerCase() ? signedInEmail : null;
  return (
    <PublicCardPage title={`Join ${invite.business_name}`} intro={`You have been invited as ${ROLE_PHRASES[invite.role]}.`}>
      <AcceptInviteForm token={token} invite={invite} signedInAs={signedInAs} />
    </PublicCardPage>
  );
}
