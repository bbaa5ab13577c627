"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { selectClass } from "@/components/ui/select";
import { AppError } from "@/lib/errors/app-error";
import { MAX_CAPACITY } from "@/lib/contract/businesses";
import type { MemberPatch, PasswordResetIssuedWire, TeamMemberWire } from "@/lib/contract/team";
import { CopyLink } from "./copy-link";
import { errorText } from "@/components/ui/form-parts";
import { RelativeTime } from "./relative-time";
import { ROLE_LABELS, type RoleName } from "./roles";

const STATUS_LOOK = {
  ONLINE: { label: "Online", className: "bg-emerald-100 text-emerald-800" },
  AWAY: { label: "Away", className: "bg-amber-100 text-amber-900" },
  OFFLINE: { label: "Offline", className: "bg-slate-100 text-slate-700" },
} as const;

const LAST_OWNER = "A business needs at least one owner. Make someone else an owner first.";

/** What went wrong, in words for the row (the last-owner rule said plainly). */
export function problemOf(error: unknown): string {
  if (error instanceof AppError) {
    if (error.code === "last_owner") return LAST_OWNER;
    const fields = error.details.fields ?? {};
    const named = Object.keys(fields).map((field) => `${field === "_" ? "" : `${field.replace("_", " ")}: `}${errorText(fields, field)}`);
    return named.length ? named.join(" ") : error.message;
  }
  return "That did not work. Please try again.";
}

export interface MemberActions {
  update: (member: TeamMemberWire, patch: MemberPatch) => Promise<void>;
  issueReset: (member: TeamMemberWire) => Promise<PasswordResetIssuedWire>;
  remove: (member: TeamMemberWire) => Promise<void>;
  /** Says something in the page's role=status line. */
  announce: (message: string) => void;
}

interface Props {
  member: TeamMemberWire;
  isMe: boolean;
  /** The roles the viewer may give (rolesManagedBy); a member whose role is not among them is read-only. */
  assignableRoles: readonly RoleName[];
  businessName: string;
  actions: MemberActions;
  columns: number;
}

type Panel = { kind: "none" } | { kind: "reset"; reset: PasswordResetIssuedWire } | { kind: "confirm-remove" };

/** One member: name, role, agent status, capacity, last seen, and what the viewer may do to them. */
export function MemberRow({ member, isMe, assignableRoles, businessName, actions, columns }: Props) {
  const id = useId();
  const formId = `${id}-form`;
  const manageable = assignableRoles.includes(member.role);
  const [role, setRole] = useState<RoleName>(member.role);
  const [capacity, setCapacity] = useState(member.agent ? String(member.agent.capacity) : "");
  const [panel, setPanel] = useState<Panel>({ kind: "none" });
  const [pending, setPending] = useState<"save" | "reset" | "remove" | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const keepButton = useRef<HTMLButtonElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  const resetButton = useRef<HTMLButtonElement>(null);
  const returnFocusTo = useRef<HTMLButtonElement | null>(null);

  // The confirm step opens on its safe answer; closing a panel puts the focus back where it was opened.
  useEffect(() => {
    if (panel.kind === "confirm-remove") keepButton.current?.focus();
    if (panel.kind === "none" && returnFocusTo.current) {
      returnFocusTo.current.focus();
      returnFocusTo.current = null;
    }
  }, [panel]);

  const closePanel = (focus: HTMLButtonElement | null) => {
    returnFocusTo.current = focus;
    setPanel({ kind: "none" });
  };

  async function attempt(kind: "save" | "reset" | "remove", action: () => Promise<void>): Promise<boolean> {
    setPending(kind);
    setProblem(null);
    try {
      await action();
      return true;
    } catch (error) {
      setProblem(problemOf(error));
      return false;
    } finally {
      setPending(null);
    }
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const patch: MemberPatch = {};
    if (role !== member.role) patch.role = role;
    if (member.agent && capacity.trim() !== String(member.agent.capacity)) patch.capacity = Number(capacity);
    if (patch.capacity !== undefined && !(Number.isInteger(patch.capacity) && patch.capacity >= 1 && patch.capacity <= MAX_CAPACITY)) {
      setProblem(`Capacity must be a whole number from 1 to ${MAX_CAPACITY}.`);
      return;
    }
    if (patch.role === undefined && patch.capacity === undefined) {
      setProblem(null);
      actions.announce(`Nothing to save for ${member.name}: no changes.`);
      return;
    }
    // A refused role change (the last owner) shows the role they still have.
    if (!(await attempt("save", () => actions.update(member, patch)))) setRole(member.role);
  }

  const status = member.agent ? STATUS_LOOK[member.agent.status] : null;
  const who = isMe ? "you" : member.name;
  const cell = "px-3 py-3 align-middle";

  return (
    <>
      <tr className="border-t border-slate-200">
        <th scope="row" className={`${cell} sticky left-0 z-[1] bg-white text-left font-normal`}>
          <span className="block font-medium text-slate-900">
            {member.name}
            {isMe ? <span className="font-normal text-slate-600"> (you)</span> : null}
          </span>
          <span className="block text-xs break-words text-slate-600">{member.email}</span>
        </th>
        <td className={cell}>
          {manageable ? (
            <select form={formId} aria-label={`Role of ${who}`} value={role} onChange={(e) => setRole(e.target.value as RoleName)} className={selectClass}>
              {assignableRoles.map((option) => (
                <option key={option} value={option}>
                  {ROLE_LABELS[option]}
                </option>
              ))}
            </select>
          ) : (
            <span className="text-sm text-slate-800">{ROLE_LABELS[member.role]}</span>
          )}
        </td>
        <td className={`${cell} whitespace-nowrap`}>
          {status ? (
            <>
              <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${status.className}`}>{status.label}</span>
              <span className="block text-xs text-slate-600">
                {member.agent?.last_seen_at ? (
                  <>
                    Seen <RelativeTime at={member.agent.last_seen_at} />
                  </>
                ) : (
                  "Never seen"
                )}
              </span>
            </>
          ) : (
            <span className="text-slate-500">—</span>
          )}
        </td>
        <td className={cell}>
          {member.agent && manageable ? (
            <input
              form={formId}
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_CAPACITY}
              step={1}
              aria-label={`Capacity of ${who}`}
              value={capacity}
              onChange={(e) => setCapacity(e.target.value)}
              className={`${selectClass} w-20`}
            />
          ) : (
            <span className="text-sm text-slate-800">{member.agent?.capacity ?? "—"}</span>
          )}
        </td>
        <td className={cell}>
          {manageable ? (
            <form id={formId} onSubmit={save} className="flex gap-2">
              <Button type="submit" variant="secondary" disabled={pending !== null} className="px-3 py-1.5">
                {pending === "save" ? "Saving…" : "Save"}
                <span className="sr-only"> {who}</span>
              </Button>
              {!isMe ? (
                <Button
                  ref={resetButton}
                  type="button"
                  variant="secondary"
                  disabled={pending !== null}
                  className="px-3 py-1.5"
                  onClick={() => void attempt("reset", async () => setPanel({ kind: "reset", reset: await actions.issueReset(member) }))}
                >
                  {pending === "reset" ? "Creating link…" : "Reset password"}
                  <span className="sr-only"> of {member.name}</span>
                </Button>
              ) : null}
              <Button ref={removeButton} type="button" variant="secondary" disabled={pending !== null} className="px-3 py-1.5 text-red-700" onClick={() => setPanel({ kind: "confirm-remove" })}>
                {isMe ? (
                  "Leave business"
                ) : (
                  <>
                    Remove<span className="sr-only"> {member.name}</span>
                  </>
                )}
              </Button>
            </form>
          ) : (
            <span className="text-xs text-slate-500">Only owners change owners</span>
          )}
        </td>
      </tr>
      {panel.kind !== "none" || problem ? (
        <tr>
          <td colSpan={columns} className="px-3 pb-3">
            <div className="flex flex-col gap-3 rounded-md border border-slate-200 bg-slate-50 p-3">
              <FormError message={problem} />
              {panel.kind === "reset" ? (
                <>
                  <CopyLink label={`Password reset link for ${member.name}`} url={panel.reset.reset_url} focusOnMount />
                  <p className="text-sm text-slate-700">
                    Works once and expires <RelativeTime at={panel.reset.expires_at} />.{" "}
                    {panel.reset.email_sent ? `It was also emailed to ${member.email}.` : "Email is not set up here: send the link to them yourself."}
                  </p>
                  <Button type="button" variant="secondary" className="self-start" onClick={() => closePanel(resetButton.current)}>
                    Done
                  </Button>
                </>
              ) : null}
              {panel.kind === "confirm-remove" ? (
                <>
                  <p className="text-sm text-slate-800">
                    {isMe ? `Leave ${businessName}? You lose access to it at once.` : `Remove ${member.name} from ${businessName}? They lose access at once; their past chats stay.`}
                  </p>
                  <div className="flex flex-wrap gap-2">
                    <Button type="button" variant="danger" disabled={pending !== null} onClick={() => void attempt("remove", () => actions.remove(member))}>
                      {pending === "remove" ? (isMe ? "Leaving…" : "Removing…") : isMe ? "Leave business" : `Remove ${member.name}`}
                    </Button>
                    <Button ref={keepButton} type="button" variant="secondary" onClick={() => closePanel(removeButton.current)}>
                      {isMe ? "Stay" : "Keep"}
                    </Button>
                  </div>
                </>
              ) : null}
            </div>
          </td>
        </tr>
      ) : null}
    </>
  );
}
