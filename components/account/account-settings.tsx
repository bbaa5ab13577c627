"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Card } from "@/components/ui/card";
import { StaffHeader } from "@/components/ui/staff-header";
import type { AccountWire } from "@/lib/contract/account";
import { EmailForm } from "./email-form";
import { NameForm } from "./name-form";
import { PasswordForm } from "./password-form";

/** The /account page: the signed-in person's name, sign-in email and password (the same in every business). */
export function AccountSettings({ initialAccount }: { initialAccount: AccountWire }) {
  const router = useRouter();
  const [account, setAccount] = useState(initialAccount);
  // Re-render the server paint too, so coming back to this page (browser Back) shows the change.
  const saved = (next: AccountWire) => {
    setAccount(next);
    router.refresh();
  };

  return (
    <div className="min-h-screen">
      <StaffHeader current="/account" />
      <main className="mx-auto flex max-w-4xl flex-col gap-6 px-4 py-6">
        <div>
          <h1 className="text-2xl font-semibold">Your account</h1>
          <p className="mt-1 text-sm text-slate-600">How you sign in, and the name customers and colleagues see. It is the same in every business you belong to.</p>
        </div>
        <Card headingId="account-name-heading" title="Name" description="Shown to customers in chats and to your team.">
          <NameForm account={account} onSaved={saved} />
        </Card>
        <Card headingId="account-email-heading" title="Email" description={<span className="break-words">You sign in with {account.email}.</span>}>
          <EmailForm onSaved={saved} />
        </Card>
        <Card headingId="account-password-heading" title="Password" description="Changing it signs you out everywhere else.">
          <PasswordForm account={account} />
        </Card>
      </main>
    </div>
  );
}
