import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DASHBOARD_NAMESPACE } from "../../lib/realtime/events";
import { sessionCookie, sessionTokenFor } from "../support/auth-tokens";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { connected, startTestServer, type TestServer } from "../support/test-server";
import { encode } from "next-auth/jwt";

describe("/dashboard socket authentication", () => {
  let database: TestDatabase;
  let server: TestServer;

  before(async () => {
    database = await createTestDatabase();
    server = await startTestServer(database.db);
  });
  after(async () => {
    await server.close();
    await database.drop();
  });

  it("rejects a connection without credentials with connect_error 'unauthorized'", async () => {
    await assert.rejects(connected(server.connect(DASHBOARD_NAMESPACE)), { message: "unauthorized" });
  });

  it("rejects a forged or garbage token", async () => {
    const forged = await encode({ secret: "some-other-secret-0123456789abcdefgh", token: { uid: "x", sub: "x" } });
    await assert.rejects(connected(server.connect(DASHBOARD_NAMESPACE, { auth: { token: forged } })), { message: "unauthorized" });
    await assert.rejects(connected(server.connect(DASHBOARD_NAMESPACE, { extraHeaders: { cookie: sessionCookie("garbage") } })), {
      message: "unauthorized",
    });
  });

  it("accepts the session cookie and knows who is connected", async () => {
    const token = await sessionTokenFor(database.db, "owner@acme.test");
    const socket = server.connect(DASHBOARD_NAMESPACE, { extraHeaders: { cookie: sessionCookie(token) } });
    await connected(socket);
    const ack = await socket.emitWithAck("session.whoami", {});
    assert.equal(ack.success, true);
    assert.equal(ack.user.email, "owner@acme.test");
    socket.close();
  });

  it("accepts the same token as auth.token for non-browser clients", async () => {
    const token = await sessionTokenFor(database.db, "agent@globex.test");
    const socket = server.connect(DASHBOARD_NAMESPACE, { auth: { token } });
    await connected(socket);
    const ack = await socket.emitWithAck("session.whoami", {});
    assert.equal(ack.user.email, "agent@globex.test");
    socket.close();
  });

  it("answers a malformed payload with validation_error and keeps the connection", async () => {
    const token = await sessionTokenFor(database.db, "owner@acme.test");
    const socket = server.connect(DASHBOARD_NAMESPACE, { auth: { token } });
    await connected(socket);
    const bad = await socket.emitWithAck("session.whoami", { unexpected: "x".repeat(10_000) });
    assert.equal(bad.success, false);
    assert.equal(bad.error.code, "validation_error");
    const good = await socket.emitWithAck("session.whoami", {});
    assert.equal(good.success, true);
    socket.close();
  });

  it("refuses a valid token of a user that no longer exists", async () => {
    const user = await database.db.user.create({ data: { email: "temp@acme.test", name: "Temp", passwordHash: "x" } });
    const token = await sessionTokenFor(database.db, user.email);
    await database.db.user.delete({ where: { id: user.id } });
    await assert.rejects(connected(server.connect(DASHBOARD_NAMESPACE, { auth: { token } })), { message: "unauthorized" });
  });
});
