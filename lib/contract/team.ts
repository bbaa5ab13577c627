/**
 * Team management: members, roles, capacity, invitations and password-reset links. Universal:
 * the admin API's bodies and wire shapes, shared by the server, the settings pages and tests.
 */
import { z } from "zod";
import type { Role } from "../db/generated/enums";
import { capacityField, emailField, personName } from "./businesses";
import { passwordField, requireStrongPassword } from "./passwords";

export const TEAM_BODY_MAX_BYTES = 8 * 1024;
export const ROLES = ["OWNER", "ADMIN", "AGENT"] as const;
export const roleField = z.enum(ROLES, { message: "must be OWNER, ADMIN or AGENT" });

/** Who manages a business's team (admins only its admins and agents: owners are the owners' business). */
export const TEAM_ADMIN_ROLES: readonly Role[] = ["OWNER", "ADMIN"];
/** The roles `actor` may give, take away or remove. */
export const rolesManagedBy = (actor: Role): readonly Role[] => (actor === "OWNER" ? ROLES : actor === "ADMIN" ? ["ADMIN", "AGENT"] : []);

/** `POST /api/v1/admin/invites` */
export const inviteBody = z.object({ email: emailField, role: roleField }).strict();
export type InviteInput = z.infer<typeof inviteBody>;

/** `PATCH /api/v1/admin/team/{user_id}` */
export const memberPatch = z
  .object({ role: roleField.optional(), capacity: capacityField.optional() })
  .strict()
  .refine((input) => input.role !== undefined || input.capacity !== undefined, { message: "send role, capacity or both" });
export type MemberPatch = z.infer<typeof memberPatch>;

/** `POST /api/v1/invites/accept`: a new account (name + password) or an existing one (its password). */
export const inviteAcceptBody = z
  .object({
    token: z.string().min(10).max(200),
    name: personName.optional(),
    password: passwordField,
  })
  .strict();
export type InviteAcceptInput = z.infer<typeof inviteAcceptBody>;

export interface InviteAcceptedWire {
  /** The account that joined: sign in with it. */
  email: string;
  business_id: string;
}

/** `POST /api/v1/password-reset`: "forgot password" (answered the same whether or not the account exists). */
export const passwordResetRequestBody = z.object({ email: emailField }).strict();

/** `POST /api/v1/password-reset/complete` */
export const passwordResetCompleteBody = z
  .object({ token: z.string().min(10).max(200), password: passwordField })
  .strict()
  .superRefine(requireStrongPassword("password", () => ({})));

export interface TeamMemberWire {
  user_id: string;
  name: string;
  email: string;
  role: Role;
  joined_at: string;
  agent: { id: string; status: "ONLINE" | "AWAY" | "OFFLINE"; capacity: number; last_seen_at: string | null } | null;
}

export interface InviteWire {
  id: string;
  email: string;
  role: Role;
  created_at: string;
  expires_at: string;
  invited_by: string | null;
}

export interface TeamWire {
  members: TeamMemberWire[];
  /** Pending invitations (not accepted, revoked or expired). */
  invites: InviteWire[];
  /** The caller's role: what the page lets them change. */
  your_role: Role;
}

export interface InviteCreatedWire {
  invite: InviteWire;
  /** The single-use link, shown once to copy (only its hash is stored). */
  invite_url: string;
  email_sent: boolean;
}

export interface PasswordResetIssuedWire {
  reset_url: string;
  expires_at: string;
  email_sent: boolean;
}

/** What the invitation page shows before it is accepted. */
export interface InvitePreviewWire {
  business_name: string;
  email: string;
  role: Role;
  expires_at: string;
  /** The email already has an account: joining takes its password instead of a new one. */
  account_exists: boolean;
}
