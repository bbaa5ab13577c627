import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setImmediate as nextTurn } from "node:timers/promises";
import { createSlicedRooms, type LocalNamespace } from "./sliced-rooms.server";

/** In-memory rooms as Socket.IO's adapter keeps them (a socket is also in a room of its own id), recording each socket's frames in write order. */
function recordingNamespace(rooms: Record<string, string[]>) {
  const map = new Map<string, Set<string>>(Object.entries(rooms).map(([room, ids]) => [room, new Set(ids)]));
  const frames: { socket: string; event: string; payload: unknown }[] = [];
  const namespace: LocalNamespace = {
    adapter: { rooms: map },
    to: (target) => ({
      emit(event, payload) {
        const ids = typeof target === "string" ? [...(map.get(target) ?? [])] : target;
        for (const socket of ids) frames.push({ socket, event, payload });
      },
    }),
  };
  return { namespace, map, frames, of: (socket: string) => frames.filter((frame) => frame.socket === socket).map((frame) => frame.payload) };
}

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const settle = async () => {
  for (let turn = 0; turn < 50; turn++) await nextTurn();
};

describe("sliced room pushes", () => {
  it("a big room gets every push exactly once, in order, one slice per turn", async () => {
    const { namespace, frames, of } = recordingNamespace({ busy: ids("b", 250) });
    const rooms = createSlicedRooms(namespace, 100);
    for (let n = 1; n <= 3; n++) rooms.to("busy").emit("queue.updated", n);
    assert.equal(frames.length, 100, "the first slice of the first push at once, the rest later");
    await settle();
    assert.equal(frames.length, 750);
    for (const socket of ["b0", "b99", "b100", "b249"]) assert.deepEqual(of(socket), [1, 2, 3]);
  });

  it("a push to a quiet room goes out while a busy room's pushes are still being written", async () => {
    const { namespace, frames } = recordingNamespace({ busy: ids("b", 1_000), quiet: ["q0"] });
    const rooms = createSlicedRooms(namespace, 100);
    for (let n = 0; n < 5; n++) rooms.to("busy").emit("session.updated", n);
    await nextTurn();
    rooms.to("quiet").emit("session.updated", "quiet");
    const quietAt = frames.findIndex((frame) => frame.socket === "q0");
    assert.ok(quietAt >= 0, "written at once, not queued behind 5,000 frames");
    assert.ok(quietAt < 300);
    await settle();
    assert.equal(frames.length, 5_001);
  });

  it("a socket that left the room before its slice gets nothing more", async () => {
    const { namespace, map, of } = recordingNamespace({ busy: ids("b", 300) });
    const rooms = createSlicedRooms(namespace, 100);
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
    const { namespace, map, of } = recordingNamespace({ room: ids("s", 150) });
    const rooms = createSlicedRooms(namespace, 100);
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
