import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { acceptsUpdate, initialOrchestrationState, orchestrationReducer, pollDelay, throttle } from "./dashboard-state";

describe("acceptsUpdate", () => {
  it("never replaces newer data with older", () => {
    assert.equal(acceptsUpdate(undefined, { version: 1 }), true);
    assert.equal(acceptsUpdate({ version: 5 }, { version: 6 }), true);
    assert.equal(acceptsUpdate({ version: 5 }, { version: 5 }), true);
    assert.equal(acceptsUpdate({ version: 5 }, { version: 4 }), false);
  });
});

describe("orchestrationReducer", () => {
  it("follows the phases of the acknowledged orchestration and drops the old one's events", () => {
    let s = orchestrationReducer(initialOrchestrationState("a"), { type: "start", companyId: "a" });
    s = orchestrationReducer(s, { type: "acked", orchestrationId: "o1" });
    s = orchestrationReducer(s, { type: "phase_start", orchestrationId: "o1", phase: "company" });
    s = orchestrationReducer(s, { type: "start", companyId: "b" });
    s = orchestrationReducer(s, { type: "acked", orchestrationId: "o2", companyId: "b" });
    const before = s;
    s = orchestrationReducer(s, { type: "phase_complete", orchestrationId: "o1", phase: "company" });
    assert.equal(s, before);
    s = orchestrationReducer(s, { type: "phase_complete", orchestrationId: "o2", phase: "company" });
    assert.equal(s.phases.company, "done");
    assert.equal(s.companyId, "b");
    s = orchestrationReducer(s, { type: "widget", orchestrationId: "o2", widget: "overview", status: "error", error: "boom" });
    assert.equal(s.widgets.overview, "error");
    assert.equal(s.widgetErrors.overview, "boom");
    s = orchestrationReducer(s, { type: "widget_ok", widget: "overview" });
    assert.equal(s.widgets.overview, "completed");
    assert.equal(s.widgetErrors.overview, undefined);
    s = orchestrationReducer(s, { type: "widget_error", widget: "satisfaction", error: "retry failed" });
    assert.equal(s.widgets.satisfaction, "error");
    assert.equal(s.widgetErrors.satisfaction, "retry failed");
  });
});

describe("the dashboard assistant session", () => {
  it("is set by its own orchestration's llm.session_ready and cleared by the next start (company change)", () => {
    let s = orchestrationReducer(initialOrchestrationState("a"), { type: "start", companyId: "a" });
    s = orchestrationReducer(s, { type: "acked", orchestrationId: "o1" });
    assert.equal(s.assistantSessionId, null);
    s = orchestrationReducer(s, { type: "assistant_session", orchestrationId: "o1", sessionId: "s1" });
    assert.equal(s.assistantSessionId, "s1");
    s = orchestrationReducer(s, { type: "start", companyId: "b" });
    assert.equal(s.assistantSessionId, null);
    s = orchestrationReducer(s, { type: "acked", orchestrationId: "o2", companyId: "b" });
    s = orchestrationReducer(s, { type: "assistant_session", orchestrationId: "o1", sessionId: "s1-late" });
    assert.equal(s.assistantSessionId, null, "a cancelled orchestration's session is dropped");
  });
});

describe("throttle and pollDelay", () => {
  it("drops calls inside the window", () => {
    let t = 0;
    let calls = 0;
    const run = throttle(
      () => calls++,
      1000,
      () => t,
    );
    assert.equal(run(), true);
    t = 500;
    assert.equal(run(), false);
    t = 1000;
    assert.equal(run(), true);
    assert.equal(calls, 2);
  });
  it("backs off to a minute", () => {
    assert.equal(pollDelay(0), 5000);
    assert.equal(pollDelay(2), 20000);
    assert.equal(pollDelay(10), 60000);
  });
});
