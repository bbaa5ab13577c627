import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { SESSION_MAX_AGE_SECONDS } from "./auth-sessions.server";
import { authLogger, authorizeCredentials, sessionCallbacks, sessionEvents } from "./session-lifecycle.server";

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: authorizeCredentials,
    }),
  ],
  callbacks: sessionCallbacks,
  events: sessionEvents,
  logger: authLogger,
};
