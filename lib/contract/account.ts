/** The signed-in user's own account (`/api/v1/admin/account`). Universal. */
import { z } from "zod";
import { emailField, personName } from "./businesses";
import { passwordField, requireStrongPassword } from "./passwords";

export const ACCOUNT_BODY_MAX_BYTES = 4 * 1024;

export const accountPatch = z.object({ name: personName }).strict();
export const emailChangeBody = z.object({ email: emailField, current_password: z.string().min(1, "enter your current password").max(200) }).strict();
export const passwordChangeBody = z
  .object({ current_password: z.string().min(1, "enter your current password").max(200), new_password: passwordField })
  .strict()
  .superRefine(requireStrongPassword("new_password", () => ({})));

export interface AccountWire {
  id: string;
  name: string;
  email: string;
}

export interface PasswordChangedWire extends AccountWire {
  /** The user's other signed-in sessions that were ended. */
  other_sessions_ended: number;
}
