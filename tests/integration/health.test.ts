import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DASHBOARD_NAMESPACE } from "../../lib/realtime/events";
import { sessionTokenFor } from "../support/auth-tokens";
import { eventually } from "../support/eventually";
import { connected } from "../support/test-server";
import { useTestStack } from "../support/test-stack";

describe("health endpoints", () => {
  const stack = useTestStack();

  it("GET /health answers ok", async () => {
    const res = await fetch(`${stack.server.url}/health`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: "ok" });
  });

  it("GET /health/detailed reports the database, sockets and uptime", async () => {
    const socket = stack.server.connect(DASHBOARD_NAMESPACE, { auth: { token: await sessionTokenFor(stack.database.db, "owner@acme.test") } });
    await connected(socket);
    const res = await fetch(`${stack.server.url}/health/detailed`);
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.status, "ok");
    assert.equal(body.database.status, "ok");
    assert.equal(typeof body.database.latency_ms, "number");
    assert.equal(body.redis.status, "disabled");
    assert.equal(body.sockets.connected, 1);
    assert.equal(typeof body.uptime_seconds, "number");
    assert.equal(body.version, "test");
    socket.close();
    await eventually(() => stack.server.realtime.connectedSockets() === 0, 5_000, "the socket to close");
  });

  it("GET /health/detailed turns 503 when the database is unreachable", async () => {
    const { createPrismaClient } = await import("../../lib/db/prisma-client.server");
    const { createHealthHandler } = await import("../../lib/observability/health.server");
    const { createMetrics } = await import("../../lib/observability/metrics.server");
    const unreachable = createPrismaClient("postgresql://nobody:nothing@127.0.0.1:9/none");
    const handler = createHealthHandler({
      db: unreachable,
      metrics: createMetrics(),
      version: "test",
      startedAt: Date.now(),
      database: { mode: "external" },
      sockets: () => 0,
      workers: () => ({}),
    });
    let status = 0;
    let body = "";
    const res = { writeHead: (s: number) => (status = s), end: (b: string) => (body = b) };
    await handler({} as never, res as never, "/health/detailed");
    assert.equal(status, 503);
    assert.equal(JSON.parse(body).database.status, "error");
    await unreachable.$disconnect();
  });

  it("GET /health/metrics serves Prometheus text with HTTP and socket metrics", async () => {
    await fetch(`${stack.server.url}/health`);
    const socket = stack.server.connect(DASHBOARD_NAMESPACE, { auth: { token: await sessionTokenFor(stack.database.db, "owner@acme.test") } });
    await connected(socket);
    const unauthorized = stack.server.connect(DASHBOARD_NAMESPACE);
    await assert.rejects(connected(unauthorized));
    const res = await fetch(`${stack.server.url}/health/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /text\/plain/);
    const text = await res.text();
    assert.match(text, /switchboard_http_requests_total\{method="GET",route="\/health",status="200"\} \d+/);
    assert.match(text, /switchboard_sockets_connected\{namespace="\/dashboard"\} 1/);
    assert.match(text, /switchboard_socket_rejected_total\{namespace="\/dashboard"\} [1-9]/);
    assert.match(text, /switchboard_process_cpu_seconds_total/);
    socket.close();
  });
});
