import type { Metadata } from "next";
import { AccountSettings } from "@/components/account/account-settings";
import { loadAccount } from "@/lib/auth/account.server";
import { requireUser } from "@/lib/auth/current-user.server";
import { getPrisma } from "@/lib/db/prisma-client.server";

export const metadata: Metadata = { title: "Account" };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const user = await requireUser("/account");
  // First paint from the database, not the session: the name or email may have changed since sign-in.
  return <AccountSettings initialAccount={await loadAccount(getPrisma(), user.id)} />;
}
