import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { decode } from "next-auth/jwt";
import * as accountRoute from "../../app/api/v1/admin/account/route";
import * as emailRoute from "../../app/api/v1/admin/account/email/route";
import * as passwordRoute from "../../app/api/v1/admin/account/password/route";
import { changeEmail, changePassword, renameAccount } from "../../lib/auth/account.server";
import { checkPassword } from "../../lib/auth/password.server";
import type { AccountWire, PasswordChangedWire } from "../../lib/contract/account";
import { AppError } from "../../lib/errors/app-error";
import { addMembership, createAgent, createUser } from "../../lib/seed/factories.server";
import { sessionTokenFor, TEST_AUTH_SECRET } from "../support/auth-tokens";
import { callRoute, useLoginThrottle, useStaffRoutes, type RouteHandler } from "../support/staff-routes";
import { useTestStack, type TestStack } from "../support/test-stack";

interface ErrorReply {
  error: { code: string; message: string; fields?: Record<string, string[]>; retry_after_seconds?: number };
}

const handler = (route: unknown) => route as RouteHandler;
const errorOf = (body: unknown) => (body as ErrorReply).error;
const PASSWORD = "Correct-Horse-42";

/** Letters only: the email's local part is then a word the password rule recognises with any suffix. */
const letters = () => Array.from(randomBytes(10), (byte) => String.fromCharCode(97 + (byte % 26))).join("");

/** A staff user of their own (tests change their name, email and password), agent in Acme and Globex. */
async function newStaff(stack: TestStack, name = "Casey Jordan") {
  const db = stack.database.db;
  const email = `casey.${letters()}@example.test`;
  const user = await createUser(db, { name, email, password: PASSWORD });
  const agentIds: string[] = [];
  for (const slug of ["acme", "globex"]) {
    await addMembership(db, { userId: user.id, businessId: stack.ids[slug], role: "AGENT" });
    agentIds.push((await createAgent(db, { businessId: stack.ids[slug], userId: user.id, displayName: name, status: "ONLINE" })).id);
  }
  return { id: user.id, email, name, agentIds, token: await sessionTokenFor(db, email) };
}

const account = {
  get: (token?: string) => callRoute(handler(accountRoute.GET), { method: "GET", path: "/api/v1/admin/account", token }),
  rename: (token: string | undefined, body: unknown) => callRoute(handler(accountRoute.PATCH), { method: "PATCH", path: "/api/v1/admin/account", token, body }),
  email: (token: string | undefined, body: unknown) => callRoute(handler(emailRoute.PUT), { method: "PUT", path: "/api/v1/admin/account/email", token, body }),
  password: (token: string | undefined, body: unknown) => callRoute(handler(passwordRoute.PUT), { method: "PUT", path: "/api/v1/admin/account/password", token, body }),
};

describe("the signed-in user's account: name, email, password", () => {
  const stack = useTestStack();
  useStaffRoutes(stack);
  useLoginThrottle(stack);
  const db = () => stack.database.db;
  const storedHash = async (userId: string) => (await db().user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } })).passwordHash;
  const sessionIdOf = async (token: string) => (await decode({ token, secret: TEST_AUTH_SECRET }))!.sid as string;

  it("refuses every account route without a session, with a garbage cookie or with an ended session", async () => {
    const staff = await newStaff(stack);
    await db().authSession.deleteMany({ where: { id: await sessionIdOf(staff.token) } });
    for (const token of [undefined, "not-a-jwt", staff.token]) {
      const answers = await Promise.all([
        account.get(token),
        account.rename(token, { name: "Intruder" }),
        account.email(token, { email: "intruder@example.test", current_password: PASSWORD }),
        account.password(token, { current_password: PASSWORD, new_password: "an-intruders-password" }),
      ]);
      for (const answer of answers) {
        assert.equal(answer.status, 401, String(token));
        assert.equal(errorOf(answer.body).code, "unauthorized");
      }
    }
    const user = await db().user.findUniqueOrThrow({ where: { id: staff.id } });
    assert.deepEqual([user.name, user.email], [staff.name, staff.email]);
    assert.equal(await checkPassword(PASSWORD, user.passwordHash), true);
  });

  it("shows the account and renames the user together with their agents (only theirs)", async () => {
    const staff = await newStaff(stack);
    const bystander = await newStaff(stack, "Casey Jordan");
    const shown = await account.get(staff.token);
    assert.equal(shown.status, 200);
    assert.deepEqual(shown.body, { id: staff.id, name: "Casey Jordan", email: staff.email } satisfies AccountWire);

    const renamed = await account.rename(staff.token, { name: "  Casey Rivera  " });
    assert.equal(renamed.status, 200);
    assert.deepEqual(renamed.body, { id: staff.id, name: "Casey Rivera", email: staff.email });
    assert.deepEqual((await account.get(staff.token)).body, renamed.body);
    assert.equal((await db().user.findUniqueOrThrow({ where: { id: staff.id } })).name, "Casey Rivera");
    assert.deepEqual(
      (await db().agent.findMany({ where: { userId: staff.id }, select: { displayName: true, kind: true } })).map((a) => [a.kind, a.displayName]),
      [
        ["HUMAN", "Casey Rivera"],
        ["HUMAN", "Casey Rivera"],
      ],
    );
    // A namesake keeps their name.
    assert.equal((await db().user.findUniqueOrThrow({ where: { id: bystander.id } })).name, "Casey Jordan");
    assert.deepEqual(
      (await db().agent.findMany({ where: { userId: bystander.id }, select: { displayName: true } })).map((a) => a.displayName),
      ["Casey Jordan", "Casey Jordan"],
    );

    // The lib function does the same (a demo user with one agent).
    const agentUser = await db().user.findUniqueOrThrow({ where: { email: "agent@acme.test" } });
    assert.deepEqual(await renameAccount(db(), agentUser.id, "Alex M."), { id: agentUser.id, name: "Alex M.", email: "agent@acme.test" });
    assert.deepEqual(
      (await db().agent.findMany({ where: { userId: agentUser.id }, select: { displayName: true } })).map((a) => a.displayName),
      ["Alex M."],
    );

    for (const [body, fields] of [
      [{ name: "   " }, ["name"]],
      [{ name: "x".repeat(101) }, ["name"]],
      [{}, ["name"]],
      [{ name: "Casey", email: "other@example.test" }, ["_"]],
    ] as [unknown, string[]][]) {
      const answer = await account.rename(staff.token, body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.deepEqual(Object.keys(errorOf(answer.body).fields ?? {}), fields, JSON.stringify(body));
    }
    assert.equal((await db().user.findUniqueOrThrow({ where: { id: staff.id } })).name, "Casey Rivera");
  });

  it("changes the email only with the current password and only to an unused address", async () => {
    const staff = await newStaff(stack);
    const unchanged = async () => assert.equal((await db().user.findUniqueOrThrow({ where: { id: staff.id } })).email, staff.email);

    const wrong = await account.email(staff.token, { email: "casey.new@example.test", current_password: "not-my-password" });
    assert.equal(wrong.status, 400);
    assert.equal(errorOf(wrong.body).code, "validation_error");
    assert.deepEqual(Object.keys(errorOf(wrong.body).fields ?? {}), ["current_password"]);
    await unchanged();
    assert.equal(await db().user.findUnique({ where: { email: "casey.new@example.test" } }), null);

    for (const taken of ["owner@acme.test", "  Owner@ACME.test "]) {
      const answer = await account.email(staff.token, { email: taken, current_password: PASSWORD });
      assert.equal(answer.status, 409, taken);
      assert.equal(errorOf(answer.body).code, "email_taken");
      assert.deepEqual(errorOf(answer.body).fields, { email: ["already used by another account"] });
    }
    await unchanged();
    assert.equal((await db().user.findUniqueOrThrow({ where: { email: "owner@acme.test" } })).name, "Olivia Park");

    for (const [body, fields] of [
      [{ email: "not-an-email", current_password: PASSWORD }, ["email"]],
      [{ email: "casey.new@example.test", current_password: "" }, ["current_password"]],
      [{ email: "casey.new@example.test" }, ["current_password"]],
    ] as [unknown, string[]][]) {
      const answer = await account.email(staff.token, body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.deepEqual(Object.keys(errorOf(answer.body).fields ?? {}), fields);
    }
    await unchanged();

    const changed = await account.email(staff.token, { email: " Casey.New@Example.test ", current_password: PASSWORD });
    assert.equal(changed.status, 200);
    assert.deepEqual(changed.body, { id: staff.id, name: staff.name, email: "casey.new@example.test" });
    assert.equal((await db().user.findUniqueOrThrow({ where: { email: "casey.new@example.test" } })).id, staff.id);
    assert.equal(await db().user.findUnique({ where: { email: staff.email } }), null);
    // The session goes on, under the new address.
    assert.deepEqual((await account.get(staff.token)).body, changed.body);

    // The lib function refuses a taken address the same way.
    await assert.rejects(changeEmail(db(), staff.id, "agent@globex.test", PASSWORD), (error) => error instanceof AppError && error.code === "email_taken");
  });

  it("refuses a password change with a wrong current password or a weak new one, changing nothing", async () => {
    const staff = await newStaff(stack);
    const other = await sessionTokenFor(db(), staff.email);
    const hash = await storedHash(staff.id);

    const wrong = await account.password(staff.token, { current_password: "not-my-password", new_password: "A-much-better-one-17" });
    assert.equal(wrong.status, 400);
    assert.deepEqual(Object.keys(errorOf(wrong.body).fields ?? {}), ["current_password"]);

    const local = staff.email.split("@")[0];
    for (const weak of ["password123", "Short-1", "aaaaaaaaaaaaaa", staff.email, local, `${local}!!`, "Casey Jordan"]) {
      const answer = await account.password(staff.token, { current_password: PASSWORD, new_password: weak });
      assert.equal(answer.status, 400, weak);
      assert.equal(errorOf(answer.body).code, "validation_error");
      assert.deepEqual(Object.keys(errorOf(answer.body).fields ?? {}), ["new_password"], weak);
    }
    await assert.rejects(changePassword(db(), staff.id, await sessionIdOf(staff.token), PASSWORD, staff.email), (error) => error instanceof AppError && !!error.details.fields?.new_password);

    assert.equal(await storedHash(staff.id), hash);
    assert.equal(await db().authSession.count({ where: { userId: staff.id } }), 2);
    assert.equal((await account.get(other)).status, 200);
  });

  it("a password change keeps the session it was made in and ends the user's others (only theirs)", async () => {
    const staff = await newStaff(stack);
    const second = await sessionTokenFor(db(), staff.email);
    const third = await sessionTokenFor(db(), staff.email);
    const colleague = await newStaff(stack);
    const colleagueSessions = await db().authSession.count({ where: { userId: colleague.id } });
    assert.equal(await db().authSession.count({ where: { userId: staff.id } }), 3);

    const NEW_PASSWORD = "Battery-Staple-2026";
    const changed = await account.password(staff.token, { current_password: PASSWORD, new_password: NEW_PASSWORD });
    assert.equal(changed.status, 200);
    assert.deepEqual(changed.body, { id: staff.id, name: staff.name, email: staff.email, other_sessions_ended: 2 } satisfies PasswordChangedWire);

    assert.deepEqual(
      (await db().authSession.findMany({ where: { userId: staff.id }, select: { id: true } })).map((s) => s.id),
      [await sessionIdOf(staff.token)],
    );
    assert.equal((await account.get(staff.token)).status, 200);
    for (const ended of [second, third]) {
      const answer = await account.get(ended);
      assert.equal(answer.status, 401);
      assert.equal(errorOf(answer.body).code, "unauthorized");
    }
    assert.equal(await db().authSession.count({ where: { userId: colleague.id } }), colleagueSessions);
    assert.equal((await account.get(colleague.token)).status, 200);

    const hash = await storedHash(staff.id);
    assert.equal(await checkPassword(NEW_PASSWORD, hash), true);
    assert.equal(await checkPassword(PASSWORD, hash), false);

    // The old password no longer counts as the current one.
    const again = await account.password(staff.token, { current_password: PASSWORD, new_password: "Yet-Another-One-99" });
    assert.equal(again.status, 400);
    assert.deepEqual(Object.keys(errorOf(again.body).fields ?? {}), ["current_password"]);
    assert.equal(await storedHash(staff.id), hash);
  });

  it("answers not_found for a user that is gone rather than acting on nobody", async () => {
    const nobody = "00000000-0000-4000-8000-000000000000";
    const isNotFound = (error: unknown) => error instanceof AppError && error.code === "not_found";
    await assert.rejects(changeEmail(db(), nobody, "ghost@example.test", PASSWORD), isNotFound);
    await assert.rejects(changePassword(db(), nobody, nobody, PASSWORD, "A-much-better-one-17"), isNotFound);
    assert.equal(await db().user.findUnique({ where: { email: "ghost@example.test" } }), null);
  });

  describe("with a tight sign-in throttle", () => {
    useLoginThrottle(stack, { maxFailuresPerAccount: 3 });

    it("ends repeated wrong current passwords in 429 with a retry time, even for the right one then", async () => {
      const staff = await newStaff(stack);
      const hash = await storedHash(staff.id);
      for (let i = 0; i < 3; i++) {
        const answer = await account.password(staff.token, { current_password: `guess-${i}`, new_password: "A-much-better-one-17" });
        assert.equal(answer.status, 400, `guess ${i}`);
      }
      for (const answer of [
        await account.password(staff.token, { current_password: "guess-3", new_password: "A-much-better-one-17" }),
        await account.password(staff.token, { current_password: PASSWORD, new_password: "A-much-better-one-17" }),
        // The email change counts against the same account.
        await account.email(staff.token, { email: "casey.elsewhere@example.test", current_password: PASSWORD }),
      ]) {
        assert.equal(answer.status, 429);
        assert.equal(errorOf(answer.body).code, "rate_limited");
        const wait = errorOf(answer.body).retry_after_seconds;
        assert.ok(typeof wait === "number" && wait >= 1 && wait <= 60, String(wait));
      }
      assert.equal(await storedHash(staff.id), hash);
      assert.equal((await db().user.findUniqueOrThrow({ where: { id: staff.id } })).email, staff.email);
      // Another user is not held up.
      const other = await newStaff(stack);
      assert.equal((await account.email(other.token, { email: `moved.${other.email}`, current_password: PASSWORD })).status, 200);
    });

    it("a right current password starts the count again", async () => {
      const staff = await newStaff(stack);
      const wrongGuess = () => account.password(staff.token, { current_password: "a-wrong-guess", new_password: "A-much-better-one-17" });
      assert.equal((await wrongGuess()).status, 400);
      assert.equal((await wrongGuess()).status, 400);
      assert.equal((await account.password(staff.token, { current_password: PASSWORD, new_password: "Battery-Staple-2026" })).status, 200);
      for (let i = 0; i < 3; i++) assert.equal((await wrongGuess()).status, 400, `guess ${i}`);
      assert.equal((await wrongGuess()).status, 429);
    });
  });
});
