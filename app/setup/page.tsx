import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PublicCardPage } from "@/components/auth/public-card-page";
import { SetupForm } from "@/components/setup/setup-form";
import { getPrisma } from "@/lib/db/prisma-client.server";
import { isSetupPending } from "@/lib/setup/first-run.server";

export const metadata: Metadata = { title: { absolute: "Set up Switchboard" } };
export const dynamic = "force-dynamic";

/** First run: only while the installation has no user; afterwards it does not exist. */
export default async function SetupPage() {
  if (!(await isSetupPending(getPrisma()))) notFound();
  return (
    <PublicCardPage title="Set up Switchboard" intro="Create the first owner account and your first business." brand={false} wide>
      <SetupForm />
    </PublicCardPage>
  );
}
