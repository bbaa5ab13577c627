import { signIn } from "next-auth/react";

/**
 * Signs in with the credentials just set (setup, joining by invitation, a password reset) and
 * opens `target`. Should next-auth refuse (the sign-in throttle), the login page takes over with
 * the same destination, so the person is never left on a form that has already done its work.
 */
export async function signInAfter(email: string, password: string, target: string): Promise<void> {
  const result = await signIn("credentials", { email, password, redirect: false }).catch(() => undefined);
  // A full page load: every server component of the target renders with the new session.
  window.location.assign(result && !result.error ? target : `/login?callbackUrl=${encodeURIComponent(target)}`);
}
