import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "./auth-options.server";

/** For server components of protected pages: the signed-in user, or a redirect to the login page. */
export async function requireUser(returnTo: string) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return session.user;
}
