import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createSharedRead } from "./shared-reads";

/** A shared read (keyed by its argument) whose reads the test finishes by hand. */
function manualReads() {
  const started: { key: string; finish(value: string): void; fail(error: Error): void }[] = [];
  let count = 0;
  const read = (key: string) =>
    new Promise<string>((resolve, reject) => {
      count += 1;
      const n = count;
      started.push({ key, finish: (value) => resolve(`${value}#${n}`), fail: reject });
    });
  return { shared: createSharedRead((key: string) => key, read), started };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("createSharedRead", () => {
  it("starts a lone caller's read at once", async () => {
    const { shared, started } = manualReads();
    const answer = shared("acme");
    assert.equal(started.length, 1);
    started[0].finish("acme");
    assert.equal(await answer, "acme#1");
  });

  it("never hands a caller a read that was in flight when it asked: it waits for the next one, shared by everyone who asked meanwhile", async () => {
    const { shared, started } = manualReads();
    const first = shared("acme");
    const later = [shared("acme"), shared("acme"), shared("acme")];
    assert.equal(started.length, 1, "the later callers wait; they do not join the running read");
    started[0].finish("acme");
    assert.equal(await first, "acme#1");
    await settle();
    assert.equal(started.length, 2, "one more read for all three");
    const afterSecondStarted = shared("acme");
    started[1].finish("acme");
    assert.deepEqual(await Promise.all(later), ["acme#2", "acme#2", "acme#2"]);
    await settle();
    assert.equal(started.length, 3, "a caller who came while the second read ran gets a third");
    started[2].finish("acme");
    assert.equal(await afterSecondStarted, "acme#3");
  });

  it("keeps keys apart", async () => {
    const { shared, started } = manualReads();
    const acme = shared("acme");
    const globex = shared("globex");
    assert.deepEqual(
      started.map((s) => s.key),
      ["acme", "globex"],
    );
    started[1].finish("globex");
    started[0].finish("acme");
    assert.equal(await acme, "acme#1");
    assert.equal(await globex, "globex#2");
  });

  it("gives a failed read's error to its callers only, and the next read starts as usual", async () => {
    const { shared, started } = manualReads();
    const first = shared("acme");
    const second = shared("acme");
    started[0].fail(new Error("connection lost"));
    await assert.rejects(first, /connection lost/);
    await settle();
    started[1].fail(new Error("still down"));
    await assert.rejects(second, /still down/);
    const third = shared("acme");
    assert.equal(started.length, 3, "nothing running: a new caller starts at once");
    started[2].finish("acme");
    assert.equal(await third, "acme#3");
  });
});
