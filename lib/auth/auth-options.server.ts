import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getPrisma } from "../db/prisma-client.server";
import { listMemberships } from "../tenancy/memberships.server";
import { verifyPassword } from "./password.server";

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

const credentialsSchema = z.object({
  email: z.email().max(254).transform((e) => e.toLowerCase()),
  password: z.string().min(1).max(256),
});

export async function authorizeCredentials(raw: unknown) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const db = getPrisma();
  const user = await db.user.findUnique({ where: { email: parsed.data.email } });
  if (!user || !(await verifyPassword(parsed.data.password, user.passwordHash))) return null;
  return { id: user.id, email: user.email, name: user.name };
}

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
  callbacks: {
    // Memberships ride in the JWT for display; every tenant access re-checks them in the database.
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.memberships = await listMemberships(getPrisma(), user.id);
      }
      return token;
    },
    async session({ session, token }) {
      session.user = { id: token.uid, email: token.email ?? "", name: token.name ?? "", memberships: token.memberships ?? [] };
      return session;
    },
  },
};
