import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { METHOD_LABELS, ROUTE_LABELS } from "../../lib/observability/metrics.server";
import { DASHBOARD_NAMESPACE } from "../../lib/contract/dashboard";
import { sessionTokenFor } from "../support/auth-tokens";
import { eventually } from "../support/eventually";
import { connected, startTestServer } from "../support/test-server";
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
    await eventually(() => stack.server.realtime.sockets.connectedSockets() === 0, 5_000, "the socket to close");
  });

  it("GET /health/detailed turns 503 when the database is unreachable", async () => {
    const { createPrismaClient } = await import("../../lib/db/prisma-client.server");
    const { createHealthHandler } = await import("../../lib/observability/health.server");
    const { createMetrics } = await import("../../lib/observability/metrics.server");
    const unreachable = createPrismaClient("postgresql://nobody:nothing@127.0.0.1:9/none");
    const handler = createHealthHandler({
      pingDatabase: () => unreachable.$queryRaw`SELECT 1`,
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

  it("keeps the HTTP series bounded whatever paths and methods clients invent", async () => {
    const httpSeries = async () =>
      (await (await fetch(`${stack.server.url}/health/metrics`)).text()).split("\n").filter((line) => /^switchboard_http_request(s_total|_duration_seconds_bucket)\{/.test(line));
    const unusualMethods = ["PROPFIND", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "REPORT", "PURGE"];
    const inventedRequests = (round: number) =>
      Promise.all(
        [`/api/junk-${round}`, `/api/v1/admin/junk-${round}`, `/health${round}`, `/health/junk-${round}`, `/api/v1/chat/junk-${round}`, `/api/v1/chat/junk-${round}/junk`].flatMap((path) =>
          ["GET", unusualMethods[round % unusualMethods.length]].map((method) => fetch(`${stack.server.url}${path}`, { method })),
        ),
      );

    // Every label combination these requests can produce exists after the first round (and the first scrape).
    await inventedRequests(0);
    await httpSeries();
    const baseline = await httpSeries();
    for (let round = 1; round <= 17; round++) await inventedRequests(round); // 204 more requests, each path new
    const after = await httpSeries();

    assert.equal(after.length, baseline.length, `series added:\n${after.filter((line) => !baseline.some((b) => b.split(" ")[0] === line.split(" ")[0])).join("\n")}`);
    for (const line of after) {
      const [, method, route] = /method="([^"]*)",route="([^"]*)"/.exec(line) ?? [];
      assert.ok((METHOD_LABELS as readonly string[]).includes(method), line);
      assert.ok((ROUTE_LABELS as readonly string[]).includes(route), line);
    }
    assert.ok(
      after.some((line) => line.includes('method="OTHER",route="other"')),
      "invented methods and paths are counted, as OTHER and other",
    );
  });

  it("with METRICS_TOKEN, /health/detailed and /health/metrics answer only that bearer token; /health stays public", async () => {
    const token = "a-metrics-token-for-tests";
    const server = await startTestServer(stack.database.db, {}, {}, { metricsToken: token });
    try {
      for (const path of ["/health/detailed", "/health/metrics"]) {
        for (const authorization of [undefined, token, `Bearer ${token}x`, `Bearer ${token.slice(1)}`, "Bearer wrong"]) {
          const res = await fetch(`${server.url}${path}`, { headers: authorization ? { authorization } : {} });
          assert.equal(res.status, 401, `${path} with ${authorization}`);
          assert.equal(res.headers.get("www-authenticate"), "Bearer");
          assert.equal((await res.json()).error.code, "unauthorized");
        }
        const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
        assert.equal(res.status, 200, path);
        await res.arrayBuffer();
      }
      const res = await fetch(`${server.url}/health`);
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { status: "ok" });
    } finally {
      await server.close();
    }
  });
});
