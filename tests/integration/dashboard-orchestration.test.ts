import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { WIDGETS } from "../../lib/contract/widgets";
import { deleteExpiredOrchestrationData } from "../../lib/dashboard/orchestration/orchestration-store.server";
import { deleteExpiredSelections } from "../../lib/tenancy/business-selection.server";
import { eventually } from "../support/eventually";
import { useTestStack } from "../support/test-stack";

describe("dashboard orchestration", () => {
  const stack = useTestStack();
  const { ids } = stack;
  const staffSocket = (email: string) => stack.staffSocket(email);

  const isLast = (id: string) => (e: { event: string; payload: { orchestration_id?: string; phase?: string } }) =>
    e.event === "dashboard.phase_complete" && e.payload.orchestration_id === id && e.payload.phase === "llm";

  it("runs company → data → llm in order with every payload key", async () => {
    const { socket, recorder } = await staffSocket("owner@acme.test");
    const ack = await socket.emitWithAck("dashboard.orchestrate_init", {});
    assert.equal(ack.success, true);
    assert.equal(typeof ack.orchestration_id, "string");
    assert.equal(typeof ack.message, "string");
    await recorder.waitFor(isLast(ack.orchestration_id), "the llm phase to complete");

    const events = recorder.events;
    for (const e of events) assert.equal(e.payload.orchestration_id, ack.orchestration_id, `${e.event} carries orchestration_id`);
    const names = events.map((e) => (e.event === "dashboard.phase_start" || e.event === "dashboard.phase_complete" ? `${e.event}:${e.payload.phase}` : e.event));
    const progress = names.filter((n) => n === "dashboard.data_loading_progress");
    assert.equal(progress.length, WIDGETS.length * 2, "loading + completed for every widget");
    assert.deepEqual(
      names.filter((n) => n !== "dashboard.data_loading_progress"),
      [
        "dashboard.phase_start:company",
        "company.list",
        "company.details",
        "dashboard.phase_complete:company",
        "dashboard.phase_start:data",
        "dashboard.full_data",
        "dashboard.phase_complete:data",
        "dashboard.phase_start:llm",
        "llm.session_ready",
        "dashboard.phase_complete:llm",
      ],
    );
    // Progress events sit between the data phase's start and full_data.
    const dataStart = names.indexOf("dashboard.phase_start:data");
    const fullData = names.indexOf("dashboard.full_data");
    assert.ok(names.slice(dataStart + 1, fullData).every((n) => n === "dashboard.data_loading_progress"));
    for (const widget of WIDGETS) {
      const statuses = events.filter((e) => e.event === "dashboard.data_loading_progress" && e.payload.widget === widget).map((e) => e.payload.status);
      assert.deepEqual(statuses, ["loading", "completed"], widget);
    }

    const byName = (n: string) => events.find((e) => e.event === n)!.payload;
    assert.deepEqual(byName("company.list").companies, [{ id: ids.acme, name: "Acme Support", legal_name: "Acme Support Ltd.", is_default: true }]);
    const company = byName("company.details").company;
    assert.deepEqual([company.id, company.name, company.legal_name, company.currency], [ids.acme, "Acme Support", "Acme Support Ltd.", "USD"]);
    assert.equal(typeof events.find((e) => e.event === "dashboard.phase_complete")!.payload.duration_ms, "number");
    const full = byName("dashboard.full_data");
    assert.equal(full.company_id, ids.acme);
    assert.deepEqual(Object.keys(full.data).sort(), [...WIDGETS].sort());
    assert.ok(full.data.waiting_queue.sessions.length >= 3, "demo acme has a waiting queue");
    assert.equal(events.find((e) => e.event === "dashboard.phase_complete" && e.payload.phase === "data")!.payload.status, "ok");
    const llm = byName("llm.session_ready");
    assert.ok(await stack.database.db.assistantConversation.findFirst({ where: { id: llm.session_id, businessId: ids.acme } }));

    const stateOf = () => stack.database.db.orchestrationState.findUniqueOrThrow({ where: { id: ack.orchestration_id } });
    // The final state is written right after the last event.
    await eventually(async () => (await stateOf()).phase === "completed", 5_000, "the completed state");
    const state = await stateOf();
    assert.equal(state.businessId, ids.acme);
    assert.deepEqual(state.widgetsStatus, Object.fromEntries(WIDGETS.map((w) => [w, "completed"])));
    assert.ok(Math.abs(state.expiresAt.getTime() - state.startedAt.getTime() - 3_600_000) < 1_000, "state expires after 1 h");
    socket.close();
  });

  it("cancels the running orchestration on company_change: nothing of the old one after the new ack", async () => {
    const { socket, recorder } = await staffSocket("manager@both.test");
    const first = await socket.emitWithAck("dashboard.orchestrate_init", { company_id: ids.acme });
    // Switch as soon as the data phase has started.
    await recorder.waitFor((e) => e.event === "dashboard.phase_start" && e.payload.phase === "data" && e.payload.orchestration_id === first.orchestration_id, "data phase");
    const second = await socket.emitWithAck("dashboard.company_change", { company_id: ids.globex });
    const ackIndex = recorder.events.length;
    assert.equal(second.success, true);
    assert.equal(second.company_id, ids.globex);
    assert.notEqual(second.orchestration_id, first.orchestration_id);
    await recorder.waitFor(isLast(second.orchestration_id), "the second orchestration to finish");

    const afterAck = recorder.events.slice(ackIndex);
    assert.deepEqual(
      afterAck.filter((e) => e.payload?.orchestration_id === first.orchestration_id).map((e) => e.event),
      [],
    );
    const full = afterAck.find((e) => e.event === "dashboard.full_data")!.payload;
    assert.equal(full.company_id, ids.globex);
    const globexSessionIds = new Set((await stack.database.db.chatSession.findMany({ where: { businessId: ids.globex }, select: { id: true } })).map((s) => s.id));
    for (const s of full.data.waiting_queue.sessions) assert.ok(globexSessionIds.has(s.id), "only globex sessions");

    const old = await stack.database.db.orchestrationState.findUniqueOrThrow({ where: { id: first.orchestration_id } });
    assert.equal(old.cancellationRequested, true);
    // The socket left acme's room and joined globex's.
    const rooms = [...(stack.server.realtime.sockets.dashboard.sockets.get(socket.id!)?.rooms ?? [])];
    assert.ok(rooms.includes(`business:${ids.globex}`) && !rooms.includes(`business:${ids.acme}`));
    socket.close();
  });

  it("never interleaves two orchestrations started back to back", async () => {
    const { socket, recorder } = await staffSocket("manager@both.test");
    // Acks are recorded in the same timeline as the events.
    const send = (companyId: string) =>
      new Promise<{ orchestration_id: string }>((resolve) =>
        socket.emit("dashboard.orchestrate_init", { company_id: companyId }, (ack: { orchestration_id: string }) => {
          recorder.events.push({ event: "ack", payload: { orchestration_id: ack.orchestration_id } });
          resolve(ack);
        }),
      );
    const [a, b] = await Promise.all([send(ids.acme), send(ids.globex)]);
    await recorder.waitFor(isLast(b.orchestration_id), "the last orchestration");
    const timeline = recorder.events.map((e) => (e.payload?.orchestration_id === a.orchestration_id ? "A" : e.payload?.orchestration_id === b.orchestration_id ? "B" : "?"));
    const ackB = recorder.events.findIndex((e) => e.event === "ack" && e.payload.orchestration_id === b.orchestration_id);
    assert.ok(timeline.lastIndexOf("A") < ackB, "nothing of A after B's ack");
    assert.ok(!timeline.slice(0, ackB).includes("B"), "B's events only after its ack");
    assert.equal(recorder.events.find((e) => e.event === "dashboard.full_data")!.payload.company_id, ids.globex);
    socket.close();
  });

  it("remembers the selected company for the next orchestration (24 h)", async () => {
    const { socket, recorder } = await staffSocket("manager@both.test");
    const change = await socket.emitWithAck("dashboard.company_change", { company_id: ids.globex });
    await recorder.waitFor(isLast(change.orchestration_id), "switch");
    recorder.clear();
    const init = await socket.emitWithAck("dashboard.orchestrate_init", {});
    const details = await recorder.waitFor((e) => e.event === "company.details" && e.payload.orchestration_id === init.orchestration_id, "details");
    assert.equal(details.payload.company.id, ids.globex);
    const manager = await stack.database.db.user.findUniqueOrThrow({ where: { email: "manager@both.test" } });
    const selection = await stack.database.db.businessSelection.findUniqueOrThrow({ where: { userId: manager.id } });
    assert.equal(selection.businessId, ids.globex);
    assert.ok(Math.abs(selection.expiresAt.getTime() - selection.selectedAt.getTime() - 86_400_000) < 1_000);
    await recorder.waitFor(isLast(init.orchestration_id), "finish");
    socket.close();
  });

  it("marks a failing widget as error, still delivers the others, and completes with partial", async () => {
    // A real fault, not a stub: an invalid time zone makes the "today" queries fail in Postgres.
    const business = await stack.database.db.business.create({
      data: { slug: "broken-tz", name: "Broken TZ", legalName: "Broken TZ Ltd", timezone: "Not/AZone" },
    });
    const owner = await stack.database.db.user.findUniqueOrThrow({ where: { email: "owner@acme.test" } });
    await stack.database.db.membership.create({ data: { userId: owner.id, businessId: business.id, role: "OWNER" } });
    const { socket, recorder } = await staffSocket("owner@acme.test");
    const ack = await socket.emitWithAck("dashboard.orchestrate_init", { company_id: business.id });
    await recorder.waitFor(isLast(ack.orchestration_id), "finish");
    const failed = recorder.events.filter((e) => e.event === "dashboard.data_loading_progress" && e.payload.status === "error").map((e) => e.payload.widget);
    assert.ok(failed.length > 0 && failed.length < WIDGETS.length, `some but not all widgets fail (${failed})`);
    const full = recorder.events.find((e) => e.event === "dashboard.full_data")!.payload;
    for (const widget of WIDGETS) assert.equal(widget in full.data, !failed.includes(widget), widget);
    assert.deepEqual(Object.keys(full.errors).sort(), [...failed].sort());
    const dataComplete = recorder.events.find((e) => e.event === "dashboard.phase_complete" && e.payload.phase === "data")!;
    assert.equal(dataComplete.payload.status, "partial");
    assert.ok(
      recorder.events.some((e) => e.event === "llm.session_ready"),
      "llm phase still runs",
    );
    await stack.database.db.membership.delete({ where: { userId_businessId: { userId: owner.id, businessId: business.id } } });
    socket.close();
  });

  it("stops with dashboard.error when the company phase fails", async () => {
    const { socket, recorder } = await staffSocket("owner@acme.test");
    // A real failure inside the company phase: remembering the selection cannot be written.
    await stack.database.db.$executeRawUnsafe(`ALTER TABLE "BusinessSelection" RENAME TO "BusinessSelection_gone"`);
    try {
      const ack = await socket.emitWithAck("dashboard.orchestrate_init", { company_id: ids.acme });
      assert.equal(ack.success, true);
      const error = await recorder.waitFor((e) => e.event === "dashboard.error", "dashboard.error");
      assert.deepEqual(Object.keys(error.payload).sort(), ["error", "orchestration_id", "phase"]);
      assert.equal(error.payload.phase, "company");
      assert.equal(error.payload.orchestration_id, ack.orchestration_id);
      assert.equal(error.payload.error.code, "internal_error");
      // The state row is written right after the error is emitted.
      const phaseOf = async () => (await stack.database.db.orchestrationState.findUniqueOrThrow({ where: { id: ack.orchestration_id } })).phase;
      await eventually(async () => (await phaseOf()) === "error", 5_000, "the state to record the error");
      const names = recorder.events.map((e) => e.event);
      assert.deepEqual(names, ["dashboard.phase_start", "dashboard.error"], "nothing after the error");
    } finally {
      await stack.database.db.$executeRawUnsafe(`ALTER TABLE "BusinessSelection_gone" RENAME TO "BusinessSelection"`);
      socket.close();
    }
  });

  it("keeps the dashboard complete when the llm phase fails", async () => {
    const { socket, recorder } = await staffSocket("owner@globex.test");
    // A real failure of the llm phase: its table is gone in this private database.
    await stack.database.db.$executeRawUnsafe(`ALTER TABLE "AssistantConversation" RENAME TO "AssistantConversation_gone"`);
    try {
      const ack = await socket.emitWithAck("dashboard.orchestrate_init", {});
      const done = await recorder.waitFor(isLast(ack.orchestration_id), "llm complete");
      assert.equal(done.payload.status, "error");
      assert.equal(
        recorder.events.some((e) => e.event === "llm.session_ready"),
        false,
      );
      assert.equal(recorder.events.find((e) => e.event === "dashboard.phase_complete" && e.payload.phase === "data")!.payload.status, "ok");
      assert.ok(recorder.events.some((e) => e.event === "dashboard.full_data"));
    } finally {
      await stack.database.db.$executeRawUnsafe(`ALTER TABLE "AssistantConversation_gone" RENAME TO "AssistantConversation"`);
      socket.close();
    }
  });

  it("refresh and request_update answer the caller with fresh, versioned widget data", async () => {
    const { socket, recorder } = await staffSocket("owner@acme.test");
    const before = await socket.emitWithAck("dashboard.refresh", {});
    assert.deepEqual(before, { success: false, error: { code: "conflict", message: "No company selected yet: send dashboard.orchestrate_init first." } });
    const init = await socket.emitWithAck("dashboard.orchestrate_init", {});
    const full = await recorder.waitFor((e) => e.event === "dashboard.full_data", "full_data");
    await recorder.waitFor(isLast(init.orchestration_id), "finish");
    recorder.clear();

    const refresh = await socket.emitWithAck("dashboard.refresh", { widgets: ["overview", "waiting_queue"] });
    assert.deepEqual(refresh, { success: true, company_id: ids.acme });
    await recorder.waitFor((e) => e.event === "dashboard.data_updated" && e.payload.widget === "waiting_queue", "queue update");
    await recorder.waitFor((e) => e.event === "dashboard.data_updated" && e.payload.widget === "overview", "overview update");
    for (const e of recorder.events) {
      assert.equal(e.payload.company_id, ids.acme);
      assert.ok(e.payload.version > full.payload.version, "versions only grow");
      assert.equal(typeof e.payload.updated_at, "string");
    }

    const update = await socket.emitWithAck("dashboard.request_update", { widget: "satisfaction" });
    assert.equal(update.success, true);
    assert.equal(update.widget, "satisfaction");
    assert.equal(update.company_id, ids.acme);
    assert.equal(typeof update.data.csat, "number");
    socket.close();
  });

  it("cleans up expired orchestration state and selections", async () => {
    const user = await stack.database.db.user.findUniqueOrThrow({ where: { email: "owner@acme.test" } });
    await stack.database.db.orchestrationState.create({
      data: { userId: user.id, connectionKey: "old", phase: "completed", expiresAt: new Date(Date.now() - 1000) },
    });
    const removed = await deleteExpiredOrchestrationData(stack.database.db, new Date());
    assert.ok(removed.states >= 1);
    assert.equal(await stack.database.db.orchestrationState.count({ where: { connectionKey: "old" } }), 0);
    assert.ok((await stack.database.db.orchestrationState.count()) > 0, "live states are kept");
    await stack.database.db.businessSelection.upsert({
      where: { userId: user.id },
      create: { userId: user.id, businessId: ids.acme, expiresAt: new Date(Date.now() - 1000) },
      update: { expiresAt: new Date(Date.now() - 1000) },
    });
    assert.equal(await deleteExpiredSelections(stack.database.db, new Date()), 1);
    assert.equal(await stack.database.db.businessSelection.count({ where: { userId: user.id } }), 0);
  });
});
