import { fetchJson } from "../browser/fetch-json";
import type { AccountWire, PasswordChangedWire } from "../contract/account";

const ACCOUNT_URL = "/api/v1/admin/account";

/** The signed-in user's own account, for the /account page. Failures throw ApiError (with `fields` on 400). */
export const accountApi = {
  rename: (name: string) => fetchJson<AccountWire>(ACCOUNT_URL, { method: "PATCH", body: { name } }),
  changeEmail: (email: string, currentPassword: string) => fetchJson<AccountWire>(`${ACCOUNT_URL}/email`, { method: "PUT", body: { email, current_password: currentPassword } }),
  changePassword: (currentPassword: string, newPassword: string) =>
    fetchJson<PasswordChangedWire>(`${ACCOUNT_URL}/password`, { method: "PUT", body: { current_password: currentPassword, new_password: newPassword } }),
};

/** "Forgot password" and the reset link's page: no session needed. */
export const passwordResetApi = {
  /** The same answer whether or not the account exists; 409 `email_unavailable` when this server sends no email. */
  request: (email: string) => fetchJson<{ accepted: true }>("/api/v1/password-reset", { method: "POST", body: { email } }),
  /** Sets the password (every session of the account ends); 404 `not_found` when the link is used or expired. */
  complete: (token: string, password: string) => fetchJson<{ email: string }>("/api/v1/password-reset/complete", { method: "POST", body: { token, password } }),
};
