/**
 * Team management through its routes: invitations (single use, expiring, emailed through a real
 * SMTP server in another process), roles (admins manage admins and agents, a business keeps an
 * owner, also under a race), capacity, removal (the member's chats go back to the queue) and
 * password-reset links. Every change is audit-logged; another business's ids answer 404.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { GET as teamRoute } from "../../app/api/v1/admin/team/route";
import { DELETE as removeRoute, PATCH as memberRoute } from "../../app/api/v1/admin/team/[userId]/route";
import { POST as issueResetRoute } from "../../app/api/v1/admin/team/[userId]/password-reset/route";
import { POST as inviteRoute } from "../../app/api/v1/admin/invites/route";
import { DELETE as revokeRoute } from "../../app/api/v1/admin/invites/[id]/route";
import { POST as acceptRoute } from "../../app/api/v1/invites/accept/route";
import { POST as forgotRoute } from "../../app/api/v1/password-reset/route";
import { POST as completeResetRoute } from "../../app/api/v1/password-reset/complete/route";
import { GET as accountRoute } from "../../app/api/v1/admin/account/route";
import { checkPassword } from "../../lib/auth/password.server";
import type { InviteCreatedWire, PasswordResetIssuedWire, TeamMemberWire, TeamWire } from "../../lib/contract/team";
import { loadInvitePreview } from "../../lib/team/invites.server";
import { DEMO_PASSWORD } from "../../lib/seed/demo-data.server";
import { sessionTokenFor } from "../support/auth-tokens";
import { eventually } from "../support/eventually";
import { confirmedAction, newAgent, startChat, withoutDemoAssistants, workspaceSocket } from "../support/live-chat";
import { startSmtpCatcher, type SmtpCatcher } from "../support/smtp-catcher";
import { callRoute, useLoginThrottle, useStaffRoutes, type RouteHandler } from "../support/staff-routes";
import { useTestStack } from "../support/test-stack";

const STRONG = "correct horse battery";
const MISSING = "00000000-0000-4000-8000-000000000000";

describe("team: invitations, roles, removal, capacity and reset links", () => {
  const stack = useTestStack();
  withoutDemoAssistants(stack);
  useStaffRoutes(stack);
  useLoginThrottle(stack);
  const db = () => stack.database.db;
  const tokens: Record<string, string> = {};
  const token = async (email: string) => (tokens[email] ??= await sessionTokenFor(db(), email));
  const userId = async (email: string) => (await db().user.findUniqueOrThrow({ where: { email } })).id;
  const acme = () => stack.ids.acme;
  const globex = () => stack.ids.globex;

  /** A route of the team API as `email`, in `company` (acme unless said). */
  const call = async <P>(handler: RouteHandler<P>, method: string, as: string | null, options: { path: string; params?: P; body?: unknown; company?: string }) =>
    callRoute(handler, { method, path: `${options.path}?company_id=${options.company ?? acme()}`, params: options.params, token: as ? await token(as) : undefined, body: options.body });

  const invite = async (as: string, email: string, role: "OWNER" | "ADMIN" | "AGENT") => call(inviteRoute, "POST", as, { path: "/api/v1/admin/invites", body: { email, role } });
  const tokenOf = (url: string) => decodeURIComponent(new URL(url).pathname.split("/").pop()!);
  const accept = (body: Record<string, unknown>) => callRoute(acceptRoute, { method: "POST", path: "/api/v1/invites/accept", body });
  const patchMember = async (as: string, target: string, body: unknown, company?: string) =>
    call(memberRoute, "PATCH", as, { path: `/api/v1/admin/team/${target}`, params: { userId: target }, body, company });
  const removeMember = async (as: string, target: string, company?: string) => call(removeRoute, "DELETE", as, { path: `/api/v1/admin/team/${target}`, params: { userId: target }, company });
  const audit = (action: string, target: string) => db().auditLog.findMany({ where: { action, target }, select: { businessId: true, actorUserId: true, meta: true } });
  const errorCode = (body: unknown) => (body as { error: { code: string } }).error.code;

  /** A fresh member of acme with the given role (through an accepted invitation). */
  async function member(role: "OWNER" | "ADMIN" | "AGENT", name = `${role} ${Math.random().toString(36).slice(2, 7)}`) {
    const email = `${name.toLowerCase().replace(/\W+/g, ".")}@team.test`;
    const created = (await invite("owner@acme.test", email, role)).body as InviteCreatedWire;
    assert.equal((await accept({ token: tokenOf(created.invite_url), name, password: STRONG })).status, 200);
    return { email, id: await userId(email) };
  }

  let smtp: SmtpCatcher;
  before(async () => {
    smtp = await startSmtpCatcher();
  });
  after(async () => {
    delete process.env.SMTP_URL;
    await smtp.stop();
  });

  it("lists the members with role, agent status and capacity to owners and admins; an agent gets 403, another business 404", async () => {
    const team = (await call(teamRoute, "GET", "owner@acme.test", { path: "/api/v1/admin/team" })).body as TeamWire;
    const rows = await db().membership.findMany({ where: { businessId: acme() }, select: { user: { select: { email: true } }, role: true } });
    assert.deepEqual(team.members.map((m) => `${m.email}:${m.role}`).sort(), rows.map((r) => `${r.user.email}:${r.role}`).sort());
    assert.equal(team.your_role, "OWNER");
    const agent = team.members.find((m) => m.email === "agent@acme.test")!;
    const agentRow = await db().agent.findFirstOrThrow({ where: { businessId: acme(), user: { email: "agent@acme.test" } } });
    assert.deepEqual(agent.agent, { id: agentRow.id, status: agentRow.status, capacity: agentRow.capacity, last_seen_at: agentRow.lastSeenAt?.toISOString() ?? null });

    assert.equal((await call(teamRoute, "GET", "manager@both.test", { path: "/api/v1/admin/team" })).status, 200);
    assert.equal((await call(teamRoute, "GET", "agent@acme.test", { path: "/api/v1/admin/team" })).status, 403);
    const foreign = await call(teamRoute, "GET", "owner@acme.test", { path: "/api/v1/admin/team", company: globex() });
    const missing = await call(teamRoute, "GET", "owner@acme.test", { path: "/api/v1/admin/team", company: MISSING });
    assert.equal(foreign.status, 404);
    assert.deepEqual(foreign.body, missing.body);
  });

  it("an invitation is a single-use link: the invitee sets a name and a strong password and joins with an agent; every step is audit-logged", async () => {
    const owner = await userId("owner@acme.test");
    const created = await invite("owner@acme.test", "New.Person@Example.test", "AGENT");
    assert.equal(created.status, 201);
    const wire = created.body as InviteCreatedWire;
    assert.equal(wire.invite.email, "new.person@example.test");
    assert.equal(wire.email_sent, false, "no SMTP configured: the link is only shown");
    const link = tokenOf(wire.invite_url);
    // Only its hash is stored.
    assert.equal(await db().invite.count({ where: { tokenHash: link } }), 0);
    assert.deepEqual(await loadInvitePreview(db(), link), {
      business_name: "Acme Support",
      email: "new.person@example.test",
      role: "AGENT",
      expires_at: wire.invite.expires_at,
      account_exists: false,
    });
    const listed = (await call(teamRoute, "GET", "owner@acme.test", { path: "/api/v1/admin/team" })).body as TeamWire;
    assert.ok(listed.invites.some((i) => i.id === wire.invite.id));

    const weak = await accept({ token: link, name: "New Person", password: "password123" });
    assert.equal(weak.status, 400);
    assert.ok((weak.body as { error: { fields: Record<string, string[]> } }).error.fields.password);
    const nameless = await accept({ token: link, password: STRONG });
    assert.equal(nameless.status, 400);
    assert.equal(await db().user.count({ where: { email: "new.person@example.test" } }), 0, "nothing half-written");

    const joined = await accept({ token: link, name: "New Person", password: STRONG });
    assert.deepEqual(joined, { status: 200, body: { email: "new.person@example.test", business_id: acme() } });
    const user = await db().user.findUniqueOrThrow({ where: { email: "new.person@example.test" }, select: { id: true, name: true, passwordHash: true } });
    assert.equal(user.name, "New Person");
    assert.ok(await checkPassword(STRONG, user.passwordHash));
    assert.equal((await db().membership.findUniqueOrThrow({ where: { userId_businessId: { userId: user.id, businessId: acme() } } })).role, "AGENT");
    const agent = await db().agent.findFirstOrThrow({ where: { businessId: acme(), userId: user.id } });
    assert.deepEqual([agent.kind, agent.displayName, agent.status], ["HUMAN", "New Person", "OFFLINE"]);

    assert.equal((await accept({ token: link, name: "Second Try", password: STRONG })).status, 404, "used once");
    assert.equal(await loadInvitePreview(db(), link), null);
    assert.deepEqual(await audit("team.invite_created", wire.invite.id), [{ businessId: acme(), actorUserId: owner, meta: { email: "new.person@example.test", role: "AGENT" } }]);
    assert.equal((await audit("team.invite_accepted", wire.invite.id)).length, 1);
  });

  it("two acceptances of one invitation at once: exactly one joins", async () => {
    const wire = (await invite("owner@acme.test", "race@example.test", "AGENT")).body as InviteCreatedWire;
    const link = tokenOf(wire.invite_url);
    const answers = await Promise.all([accept({ token: link, name: "Racer One", password: STRONG }), accept({ token: link, name: "Racer Two", password: STRONG })]);
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 404]);
    assert.equal(await db().user.count({ where: { email: "race@example.test" } }), 1);
  });

  it("an expired or revoked invitation does not work; a new invitation replaces the pending one for that email", async () => {
    const expired = (await invite("owner@acme.test", "late@example.test", "AGENT")).body as InviteCreatedWire;
    await db().invite.update({ where: { id: expired.invite.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    assert.equal((await accept({ token: tokenOf(expired.invite_url), name: "Late", password: STRONG })).status, 404);

    const first = (await invite("owner@acme.test", "twice@example.test", "AGENT")).body as InviteCreatedWire;
    const second = (await invite("owner@acme.test", "twice@example.test", "ADMIN")).body as InviteCreatedWire;
    assert.equal((await accept({ token: tokenOf(first.invite_url), name: "Twice", password: STRONG })).status, 404, "replaced by the newer link");

    const revoked = await call(revokeRoute, "DELETE", "owner@acme.test", { path: `/api/v1/admin/invites/${second.invite.id}`, params: { id: second.invite.id } });
    assert.deepEqual(revoked, { status: 200, body: { revoked: true } });
    assert.equal((await accept({ token: tokenOf(second.invite_url), name: "Twice", password: STRONG })).status, 404);
    assert.equal((await audit("team.invite_revoked", second.invite.id)).length, 1);
    // Revoking it again, or from another business, or as an agent: the same 404 / 403.
    assert.equal((await call(revokeRoute, "DELETE", "owner@acme.test", { path: `/api/v1/admin/invites/${second.invite.id}`, params: { id: second.invite.id } })).status, 404);
    const globexInvite = (await call(inviteRoute, "POST", "owner@globex.test", { path: "/api/v1/admin/invites", body: { email: "g@example.test", role: "AGENT" }, company: globex() }))
      .body as InviteCreatedWire;
    const foreign = await call(revokeRoute, "DELETE", "owner@acme.test", { path: `/api/v1/admin/invites/${globexInvite.invite.id}`, params: { id: globexInvite.invite.id } });
    assert.equal(foreign.status, 404);
    assert.ok(await loadInvitePreview(db(), tokenOf(globexInvite.invite_url)), "untouched");
  });

  it("an existing account joins with its own password (a wrong one joins nobody); inviting a member is a conflict", async () => {
    const wire = (await invite("owner@acme.test", "owner@globex.test", "ADMIN")).body as InviteCreatedWire;
    const link = tokenOf(wire.invite_url);
    assert.equal((await loadInvitePreview(db(), link))?.account_exists, true);
    const wrong = await accept({ token: link, password: "not the password at all" });
    assert.equal(wrong.status, 400);
    assert.equal(await db().membership.count({ where: { businessId: acme(), user: { email: "owner@globex.test" } } }), 0);
    assert.equal((await accept({ token: link, password: DEMO_PASSWORD })).status, 200);
    assert.equal((await db().membership.findFirstOrThrow({ where: { businessId: acme(), user: { email: "owner@globex.test" } } })).role, "ADMIN");

    const again = await invite("owner@acme.test", "agent@acme.test", "AGENT");
    assert.equal(again.status, 409);
    assert.equal(errorCode(again.body), "already_member");
  });

  it("with SMTP_URL set, the invitation is emailed through a real SMTP server and its link works", async () => {
    process.env.SMTP_URL = smtp.url;
    try {
      const wire = (await invite("owner@acme.test", "mailed@example.test", "AGENT")).body as InviteCreatedWire;
      assert.equal(wire.email_sent, true);
      const mail = await smtp.waitFor((m) => m.to.includes("mailed@example.test"));
      assert.match(mail.subject, /Acme Support/);
      assert.ok(mail.text.includes(wire.invite_url), "the email carries the same link");
      assert.equal((await accept({ token: tokenOf(wire.invite_url), name: "Mailed Person", password: STRONG })).status, 200);
    } finally {
      delete process.env.SMTP_URL;
    }
  });

  it("admins invite and manage admins and agents, never owners; agents manage nobody", async () => {
    assert.equal((await invite("manager@both.test", "adm@example.test", "OWNER")).status, 403);
    assert.equal((await invite("manager@both.test", "adm@example.test", "ADMIN")).status, 201);
    assert.equal((await invite("agent@acme.test", "x@example.test", "AGENT")).status, 403);

    const owner = await userId("owner@acme.test");
    const agent = await member("AGENT");
    assert.equal((await patchMember("manager@both.test", owner, { role: "AGENT" })).status, 403, "an admin cannot demote an owner");
    assert.equal((await patchMember("manager@both.test", agent.id, { role: "OWNER" })).status, 403, "nor make an owner");
    assert.equal((await removeMember("manager@both.test", owner)).status, 403);
    assert.equal((await patchMember("agent@acme.test", agent.id, { role: "ADMIN" })).status, 403);

    const promoted = await patchMember("manager@both.test", agent.id, { role: "ADMIN" });
    assert.equal(promoted.status, 200);
    assert.equal((promoted.body as TeamMemberWire).role, "ADMIN");
    assert.deepEqual(await audit("team.role_changed", agent.id), [{ businessId: acme(), actorUserId: await userId("manager@both.test"), meta: { from: "AGENT", to: "ADMIN" } }]);
  });

  it("a business always keeps an owner: the last one can neither be demoted nor removed, also when two owners demote each other at once", async () => {
    const owner = await userId("owner@acme.test");
    const demoteSelf = await patchMember("owner@acme.test", owner, { role: "ADMIN" });
    assert.equal(demoteSelf.status, 409);
    assert.equal(errorCode(demoteSelf.body), "last_owner");
    assert.equal(errorCode((await removeMember("owner@acme.test", owner)).body), "last_owner");

    const second = await member("OWNER", "Second Owner");
    const [a, b] = await Promise.all([patchMember("owner@acme.test", second.id, { role: "AGENT" }), patchMember(second.email, owner, { role: "AGENT" })]);
    // The loser is refused either as the last owner (409) or, when the winner committed before its
    // role was read, as no longer an owner (403): either way the business keeps exactly one.
    const statuses = [a.status, b.status].sort();
    assert.equal(statuses[0], 200);
    assert.ok([403, 409].includes(statuses[1]), `the other demotion is refused, got ${statuses[1]}`);
    assert.equal(await db().membership.count({ where: { businessId: acme(), role: "OWNER" } }), 1);
    // Put things back for the other tests: whoever is still the owner makes the demo owner owner again.
    const remaining = await db().membership.findFirstOrThrow({ where: { businessId: acme(), role: "OWNER" }, select: { user: { select: { email: true } } } });
    if (remaining.user.email !== "owner@acme.test") assert.equal((await patchMember(remaining.user.email, owner, { role: "OWNER" })).status, 200);
  });

  it("owners demoting each other at once queue behind each other: one wins, the other is refused by its new role, none deadlocks", async () => {
    const owner = await userId("owner@acme.test");
    const [second, third] = [await member("OWNER", "Crossing Owner A"), await member("OWNER", "Crossing Owner B")];
    // Hold the third owner's row so that both changes below are under way, each holding its own
    // target's row, before either can take the owners' rows: the interleaving that deadlocked.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const holding = db().$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1 FROM "Membership" WHERE "businessId" = ${acme()}::uuid AND "userId" = ${third.id}::uuid FOR UPDATE`;
        await released;
      },
      { timeout: 20_000 },
    );
    const changes = Promise.all([patchMember("owner@acme.test", second.id, { role: "ADMIN" }), patchMember(second.email, owner, { role: "ADMIN" })]);
    const waitingForLocks = async () =>
      (
        await db().$queryRaw<{ waiting: number }[]>`
        SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`
      )[0].waiting;
    await eventually(async () => (await waitingForLocks()) >= 1, 5_000, "a change waiting for the held row");
    release();
    await holding;
    const statuses = (await changes).map((answer) => answer.status);
    // Whichever demotion commits first takes the other one's actor out of the owners: 200 and 403, never a 500.
    assert.deepEqual([...statuses].sort(), [200, 403], `one change wins, the other is refused by role, got ${statuses}`);
    const owners = await db().membership.findMany({ where: { businessId: acme(), role: "OWNER" }, select: { userId: true } });
    assert.ok(
      owners.some((row) => row.userId === third.id),
      "the third owner is untouched",
    );
    // Put things back for the other tests.
    for (const id of [owner, second.id]) await db().membership.update({ where: { userId_businessId: { userId: id, businessId: acme() } }, data: { role: "OWNER" } });
    for (const id of [second.id, third.id]) assert.equal((await removeMember("owner@acme.test", id)).status, 200);
  });

  it("capacity: set per agent, audit-logged, and auto routing uses the new slot at once", async () => {
    const target = await member("AGENT", "Capacity Person");
    const changed = await patchMember("owner@acme.test", target.id, { capacity: 7 });
    assert.equal((changed.body as TeamMemberWire).agent?.capacity, 7);
    assert.equal((await db().agent.findFirstOrThrow({ where: { businessId: acme(), userId: target.id } })).capacity, 7);
    assert.equal((await audit("team.capacity_changed", target.id)).length, 1);
    for (const body of [{ capacity: 0 }, { capacity: 51 }, { capacity: 2.5 }, {}, { role: "BOSS" }]) assert.equal((await patchMember("owner@acme.test", target.id, body)).status, 400);
  });

  it("removing a member ends their access, hands their chats back to the queue and takes their agent offline; another business's member is a 404", async () => {
    const removed = await newAgent(stack, "acme", { status: "ONLINE" });
    const workspace = await workspaceSocket(stack, removed.email, "acme");
    const chat = await startChat(stack, "acme", { message: "Help me please" });
    assert.equal((await confirmedAction(workspace, "queue.claim", { session_id: chat.session_id, request_id: "claim-before-removal" })).confirmed?.success, true);

    const globexMember = await userId("agent@globex.test");
    const foreign = await removeMember("owner@acme.test", globexMember);
    const missing = await removeMember("owner@acme.test", MISSING);
    assert.equal(foreign.status, 404);
    assert.deepEqual(foreign.body, missing.body);
    assert.equal(await db().membership.count({ where: { userId: globexMember } }), 1);

    assert.deepEqual(await removeMember("owner@acme.test", removed.userId), { status: 200, body: { removed: true } });
    assert.equal(await db().membership.count({ where: { userId: removed.userId, businessId: acme() } }), 0);
    assert.equal((await audit("team.member_removed", removed.userId)).length, 1);
    await workspace.recorder.waitFor((e) => e.event === "access.revoked", "access.revoked", 1_000);
    await eventually(async () => (await db().chatSession.findUniqueOrThrow({ where: { id: chat.session_id } })).status === "WAITING", 5_000, "the chat back in the queue");
    assert.equal((await db().chatSession.findUniqueOrThrow({ where: { id: chat.session_id } })).assignedAgentId, null);
    assert.equal((await db().agent.findUniqueOrThrow({ where: { id: removed.agentId } })).status, "OFFLINE");
    // HTTP refuses the business at once.
    const after = await callRoute(teamRoute, { method: "GET", path: `/api/v1/admin/team?company_id=${acme()}`, token: await sessionTokenFor(db(), removed.email) });
    assert.equal(after.status, 404);
  });

  it("a member may leave a business", async () => {
    const leaving = await member("AGENT", "Leaving Person");
    assert.equal((await removeMember(leaving.email, leaving.id)).status, 200);
    assert.equal((await audit("team.member_left", leaving.id)).length, 1);
  });

  it("a reset link from an owner sets a new password once and signs the member out everywhere", async () => {
    const target = await member("AGENT", "Forgetful Person");
    const signedIn = await sessionTokenFor(db(), target.email);
    const issued = await call(issueResetRoute, "POST", "owner@acme.test", { path: `/api/v1/admin/team/${target.id}/password-reset`, params: { userId: target.id } });
    assert.equal(issued.status, 201);
    const wire = issued.body as PasswordResetIssuedWire;
    assert.equal(wire.email_sent, false);
    assert.equal((await audit("team.password_reset_issued", target.id)).length, 1);
    const link = tokenOf(wire.reset_url);

    const complete = (password: string) => callRoute(completeResetRoute, { method: "POST", path: "/api/v1/password-reset/complete", body: { token: link, password } });
    assert.equal((await complete("short")).status, 400);
    assert.deepEqual(await complete("a brand new passphrase"), { status: 200, body: { email: target.email } });
    assert.ok(await checkPassword("a brand new passphrase", (await db().user.findUniqueOrThrow({ where: { id: target.id } })).passwordHash));
    assert.equal((await callRoute(accountRoute, { method: "GET", path: "/api/v1/admin/account", token: signedIn })).status, 401, "signed out everywhere");
    assert.equal((await complete("yet another passphrase")).status, 404, "single use");
  });

  it("reset links: an admin cannot issue one for an owner, nor anyone for an account that opens businesses they do not manage", async () => {
    const owner = await userId("owner@acme.test");
    const issue = async (as: string, target: string) => call(issueResetRoute, "POST", as, { path: `/api/v1/admin/team/${target}/password-reset`, params: { userId: target } });
    assert.equal((await issue("manager@both.test", owner)).status, 403);
    // owner@globex.test joined acme as an admin above: acme's owner does not manage their Globex ownership.
    assert.equal((await issue("owner@acme.test", await userId("owner@globex.test"))).status, 403);
    assert.equal((await issue("owner@acme.test", await userId("agent@globex.test"))).status, 404);
    assert.equal((await issue("agent@acme.test", await userId("maya@acme.test"))).status, 403);
  });

  it("forgot password: refused without SMTP; with it, the same answer for any email and a working link only to real accounts", async () => {
    const forgot = (email: string) => callRoute(forgotRoute, { method: "POST", path: "/api/v1/password-reset", body: { email } });
    const off = await forgot("agent@acme.test");
    assert.equal(off.status, 409);
    assert.equal(errorCode(off.body), "email_unavailable");

    process.env.SMTP_URL = smtp.url;
    try {
      const known = await forgot("maya@acme.test");
      const unknown = await forgot("nobody@nowhere.test");
      assert.deepEqual(known, unknown);
      assert.equal(known.status, 202);
      const mail = await smtp.waitFor((m) => m.to.includes("maya@acme.test"));
      const url = /https?:\/\/\S+\/reset-password\/\S+/.exec(mail.text)?.[0];
      assert.ok(url, "the email has a reset link");
      const done = await callRoute(completeResetRoute, { method: "POST", path: "/api/v1/password-reset/complete", body: { token: tokenOf(url), password: "maya's new passphrase" } });
      assert.equal(done.status, 200);
      assert.ok(!smtp.messages.some((m) => m.to.includes("nobody@nowhere.test")));
    } finally {
      delete process.env.SMTP_URL;
    }
  });
});
