import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/auth-options.server";
import { withSignInThrottle } from "@/lib/auth/throttled-sign-in.server";

const handler = NextAuth(authOptions);

export { handler as GET };
export const POST = withSignInThrottle(handler);
