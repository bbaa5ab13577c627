import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { PushWriter } from "./push-writer.server";
import { createSlicedRooms, MAX_PUSHES_PER_WRITE } from "./sliced-rooms.server";

/** In-memory rooms as Socket.IO's adapter keeps them, and a writer recording each socket's pushes in write order and each write's size. */
function recordingRooms(rooms: Record<string, string[]>) {
  const map = new Map<string, Set<string>>(Object.entries(rooms).map(([room, ids]) => [room, new Set(ids)]));
  const frames: { socket: string; event: string; payload: unknown }[] = [];
  const writes: { socket: string; pushes: number }[] = [];
  let sequence = 0;
  const writer: PushWriter = {
    encode: (event, args) => ({ sequence: sequence++, event, args, frame: null }),
    write(batch) {
      for (const { socketId, pushes } of batch) {
        writes.push({ socket: socketId, pushes: pushes.length });
        for (const push of pushes) frames.push({ socket: socketId, event: push.event, payload: push.args[0] });
      }
    },
  };
  return { local: { rooms: map }, writer, map, frames, writes, of: (socket: string) => frames.filter((frame) => frame.socket === socket).map((frame) => frame.payload) };
}

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const settle = async () => {
  for (let turn = 0; turn < 50; turn++) await nextTurn();
};

describe("sliced room pushes", () => {
  it("a big room gets every push exactly once, in order, one slice per turn", async () => {
    const { local, writer, frames, of } = recordingRooms({ busy: ids("b", 250) });
    const rooms = createSlicedRooms(local, writer, { sliceSize: 100 });
    for (let n = 1; n <= 3; n++) rooms.to("busy").emit("queue.updated", n);
    assert.equal(frames.length, 100, "the first slice of the first push at once, the rest later");
    await settle();
    assert.equal(frames.length, 750);
    for (const socket of ["b0", "b99", "b100", "b249"]) assert.deepEqual(of(socket), [1, 2, 3]);
  });

  it("a push to a quiet room goes out while a busy room's pushes are still being written", async () => {
    const { local, writer, frames, writes } = recordingRooms({ busy: ids("b", 1_000), quiet: ["q0"] });
    const rooms = createSlicedRooms(local, writer, { sliceSize: 100 });
    for (let n = 0; n < 5; n++) rooms.to("busy").emit("session.updated", n);
    await nextTurn();
    rooms.to("quiet").emit("session.updated", "quiet");
    const quietAt = writes.findIndex((write) => write.socket === "q0");
    assert.ok(quietAt >= 0, "written at once, not queued behind 5,000 frames");
    assert.equal(quietAt, 200, "after the two slices of the busy room written so far");
    await settle();
    assert.equal(frames.length, 5_001);
  });

  it("while a room has a backlog, a socket's pending pushes go out together, in order, at most MAX_PUSHES_PER_WRITE a write", async () => {
    const { local, writer, writes, of } = recordingRooms({ busy: ids("b", 150) });
    const rooms = createSlicedRooms(local, writer, { sliceSize: 100 });
    const sent = Array.from({ length: 12 }, (_, n) => n);
    for (const n of sent) rooms.to("busy").emit("session.updated", n);
    await settle();
    for (const socket of ["b0", "b99", "b100", "b149"]) assert.deepEqual(of(socket), sent, `${socket} got every push once, in order`);
    const sizes = (socket: string) => writes.filter((write) => write.socket === socket).map((write) => write.pushes);
    assert.equal(MAX_PUSHES_PER_WRITE, 8);
    // b0's slice went out at once with the only push there was; b100's waited a turn and took the next 8.
    assert.deepEqual(sizes("b0"), [1, 8, 3]);
    assert.deepEqual(sizes("b100"), [8, 4]);
  });

  it("reports each push once, when its last socket has been written (pushes finished inside an older one's slices too)", async () => {
    const { local, writer, frames, of } = recordingRooms({ busy: ids("b", 250) });
    const written: { seconds: number; frames: number; lastSocketGot: number }[] = [];
    const rooms = createSlicedRooms(local, writer, {
      sliceSize: 100,
      onWritten: (seconds) => written.push({ seconds, frames: frames.length, lastSocketGot: of("b249").length }),
    });
    for (let n = 1; n <= 3; n++) rooms.to("busy").emit("session.updated", n);
    assert.deepEqual(written, [], "nothing is written to its last socket yet");
    await settle();
    // b249's slice (the third) carried all three pushes; only then was push 1 done. Pushes 2 and 3
    // were done when b0–b99 got them, a turn later.
    assert.deepEqual(
      written.map(({ frames, lastSocketGot }) => ({ frames, lastSocketGot })),
      [
        { frames: 550, lastSocketGot: 3 },
        { frames: 750, lastSocketGot: 3 },
        { frames: 750, lastSocketGot: 3 },
      ],
    );
    for (const { seconds } of written) assert.ok(seconds >= 0 && seconds < 60);
  });

  it("a socket that left the room before its slice gets nothing more", async () => {
    const { local, writer, map, of } = recordingRooms({ busy: ids("b", 300) });
    const rooms = createSlicedRooms(local, writer, { sliceSize: 100 });
    rooms.to("busy").emit("session.updated", "before");
    // Access ended for b250 (its socket left the business's rooms) while its slice was pending.
    map.get("busy")!.delete("b250");
    rooms.to("busy").emit("session.updated", "after");
    await settle();
    assert.deepEqual(of("b250"), []);
    assert.deepEqual(of("b0"), ["before", "after"]);
    assert.deepEqual(of("b299"), ["before", "after"]);
  });

  it("a small room is pushed at once, unless a push of it is still pending (order first)", async () => {
    const { local, writer, map, of } = recordingRooms({ room: ids("s", 150) });
    const rooms = createSlicedRooms(local, writer, { sliceSize: 100 });
    rooms.to("room").emit("e", 1);
    for (const id of ids("s", 150).slice(20)) map.get("room")!.delete(id);
    rooms.to("room").emit("e", 2);
    assert.deepEqual(of("s0"), [1], "queued behind the pending push");
    await settle();
    assert.deepEqual(of("s0"), [1, 2]);
    rooms.to("room").emit("e", 3);
    assert.deepEqual(of("s0"), [1, 2, 3], "nothing pending: at once");
    rooms.to("nobody").emit("e", 4);
  });
});
