import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createCoalescer } from "./coalescer";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("createCoalescer", () => {
  it("runs a burst of adds for one key once, with every item", async () => {
    const runs: [string, number[]][] = [];
    const coalescer = createCoalescer<number>(
      20,
      async (key, items) => void runs.push([key, [...items].sort((a, b) => a - b)]),
      (error) => assert.fail(String(error)),
    );
    for (let i = 0; i < 100; i += 1) coalescer.add("acme", [i % 7]);
    coalescer.add("globex", [1]);
    await coalescer.idle();
    assert.deepEqual(runs, [
      ["acme", [0, 1, 2, 3, 4, 5, 6]],
      ["globex", [1]],
    ]);
  });

  it("collects what arrives during a run into exactly one more run", async () => {
    const gate = deferred();
    const runs: string[][] = [];
    const coalescer = createCoalescer<string>(
      10,
      async (_key, items) => {
        runs.push([...items]);
        if (runs.length === 1) await gate.promise;
      },
      (error) => assert.fail(String(error)),
    );
    coalescer.add("acme", ["overview"]);
    while (runs.length === 0) await new Promise((resolve) => setImmediate(resolve));
    for (const widget of ["waiting_queue", "overview", "waiting_queue", "satisfaction"]) coalescer.add("acme", [widget]);
    gate.resolve();
    await coalescer.idle();
    assert.deepEqual(runs, [["overview"], ["waiting_queue", "overview", "satisfaction"]]);
  });

  it("holds a steady trickle to one run per window", async () => {
    const windowMs = 100;
    let runs = 0;
    const coalescer = createCoalescer<number>(
      windowMs,
      async () => void (runs += 1),
      (error) => assert.fail(String(error)),
    );
    const started = Date.now();
    for (let i = 0; i < 20; i += 1) {
      coalescer.add("acme", [i]);
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    await coalescer.idle();
    const elapsed = Date.now() - started;
    // Whatever the machine's speed: one leading run, then at most one per window that passed.
    assert.ok(runs <= 2 + Math.floor(elapsed / windowMs), `${runs} runs in ${elapsed} ms`);
    assert.ok(runs < 20, `${runs} runs for 20 items`);
  });

  it("keeps running after a failed run and reports the error", async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const coalescer = createCoalescer<number>(
      0,
      async () => {
        calls += 1;
        if (calls === 1) throw new Error("database away");
      },
      (error) => errors.push(error),
    );
    coalescer.add("acme", [1]);
    await coalescer.idle();
    coalescer.add("acme", [2]);
    await coalescer.idle();
    assert.equal(calls, 2);
    assert.equal(errors.length, 1);
  });
});
