import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "./auth-options.server";

/** For server components of protected pages: the signed-in user, or a redirect to the login page. */
export async function requireUser(returnTo: string) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return session.user;
}

/** A staff page's `?company_id=` (the business it was asked for), as Next passes search params. */
export type CompanySearchParams = Promise<{ company_id?: string | string[] }>;

/**
 * For staff pages that work on one business: the signed-in user (else a redirect to the login
 * page that comes back to the same business) and the business asked for, if any.
 */
export async function requireStaffPage(path: string, searchParams: CompanySearchParams): Promise<{ user: Awaited<ReturnType<typeof requireUser>>; companyId?: string }> {
  const requested = (await searchParams).company_id;
  const companyId = typeof requested === "string" && requested ? requested : undefined;
  const user = await requireUser(companyId ? `${path}?company_id=${encodeURIComponent(companyId)}` : path);
  return { user, companyId };
}
