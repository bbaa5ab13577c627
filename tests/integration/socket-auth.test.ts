import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DASHBOARD_NAMESPACE } from "../../lib/contract/dashboard";
import { sessionCookie, sessionTokenFor } from "../support/auth-tokens";
import { connected } from "../support/test-server";
import { useTestStack } from "../support/test-stack";
import { encode } from "next-auth/jwt";

describe("/dashboard socket authentication", () => {
  const stack = useTestStack();

  it("rejects a connection without credentials with connect_error 'unauthorized'", async () => {
    await assert.rejects(connected(stack.server.connect(DASHBOARD_NAMESPACE)), { message: "unauthorized" });
  });

  it("rejects a forged or garbage token", async () => {
    const forged = await encode({ secret: "some-other-secret-0123456789abcdefgh", token: { uid: "x", sub: "x" } });
    await assert.rejects(connected(stack.server.connect(DASHBOARD_NAMESPACE, { auth: { token: forged } })), { message: "unauthorized" });
    await assert.rejects(connected(stack.server.connect(DASHBOARD_NAMESPACE, { extraHeaders: { cookie: sessionCookie("garbage") } })), {
      message: "unauthorized",
    });
  });

  it("accepts the session cookie and knows who is connected", async () => {
    const token = await sessionTokenFor(stack.database.db, "owner@acme.test");
    const socket = stack.server.connect(DASHBOARD_NAMESPACE, { extraHeaders: { cookie: sessionCookie(token) } });
    await connected(socket);
    const ack = await socket.emitWithAck("session.whoami", {});
    assert.equal(ack.success, true);
    assert.equal(ack.user.email, "owner@acme.test");
    socket.close();
  });

  it("accepts the same token as auth.token for non-browser clients", async () => {
    const token = await sessionTokenFor(stack.database.db, "agent@globex.test");
    const socket = stack.server.connect(DASHBOARD_NAMESPACE, { auth: { token } });
    await connected(socket);
    const ack = await socket.emitWithAck("session.whoami", {});
    assert.equal(ack.user.email, "agent@globex.test");
    socket.close();
  });

  it("answers a malformed payload with validation_error and keeps the connection", async () => {
    const token = await sessionTokenFor(stack.database.db, "owner@acme.test");
    const socket = stack.server.connect(DASHBOARD_NAMESPACE, { auth: { token } });
    await connected(socket);
    const bad = await socket.emitWithAck("session.whoami", { unexpected: "x".repeat(10_000) });
    assert.equal(bad.success, false);
    assert.equal(bad.error.code, "validation_error");
    const good = await socket.emitWithAck("session.whoami", {});
    assert.equal(good.success, true);
    socket.close();
  });

  it("refuses a valid token of a user that no longer exists", async () => {
    const user = await stack.database.db.user.create({ data: { email: "temp@acme.test", name: "Temp", passwordHash: "x" } });
    const token = await sessionTokenFor(stack.database.db, user.email);
    await stack.database.db.user.delete({ where: { id: user.id } });
    await assert.rejects(connected(stack.server.connect(DASHBOARD_NAMESPACE, { auth: { token } })), { message: "unauthorized" });
  });
});
