/** Where the single-use links of invitations and password resets lead (pages of the app). Universal. */
export const invitePath = (token: string) => `/invite/${encodeURIComponent(token)}`;
export const passwordResetPath = (token: string) => `/reset-password/${encodeURIComponent(token)}`;

/** The app's public address for links in emails: NEXTAUTH_URL, which server.ts always sets. */
export const appUrl = (path: string) => new URL(path, process.env.NEXTAUTH_URL ?? "http://localhost:3000").toString();
