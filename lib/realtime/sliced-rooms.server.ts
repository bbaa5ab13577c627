import type { RoomEmitter } from "./live-publisher.server";
import type { EncodedPush, PushWriter, SocketPushes } from "./push-writer.server";

/** Sockets written per room and turn of the event loop: about 1 ms of writes (bench:fanout measured 64 against 128: same p99 for the big room, half the wait for the others). */
export const SLICE_SIZE = 64;
/** A socket's pending pushes of one room going out in one write, at most: bounds a turn's bytes while a room has a backlog. */
export const MAX_PUSHES_PER_WRITE = 8;

/** A node's in-memory rooms (Socket.IO's adapter; a socket is also in a room of its own id). */
export interface LocalRooms {
  rooms: ReadonlyMap<string, ReadonlySet<string>>;
}

interface PendingPush {
  push: EncodedPush;
  /** performance.now() when the push was made. */
  madeAt: number;
  /** The room's sockets when the push was made, not yet written to. */
  socketIds: Set<string>;
}

/**
 * Pushes to rooms go out a slice of sockets per turn of the event loop, the rooms with pushes
 * pending taking turns: one business's broadcast to 1,000 sockets (20 ms of frame writes in one
 * piece) no longer holds up every other business's pushes and requests behind it. A room's pushes
 * keep their order for each socket. When a room has a backlog, a socket's pending pushes go out
 * together (up to MAX_PUSHES_PER_WRITE, in one write), so a node that falls behind catches up
 * instead of paying a system call per frame. Each slice goes only to sockets still in the room, so
 * a socket that left it (access ended) gets nothing more. A push to a room of at most one slice
 * with nothing pending is written at once.
 *
 * For one node's in-memory rooms; with several nodes each writes its own sockets this way
 * (cluster-rooms.server.ts). `onWritten` hears, once per push, the seconds from its being made to
 * its last socket being written: how far the node is behind (the push-write metric).
 */
export function createSlicedRooms(local: LocalRooms, writer: PushWriter, { sliceSize = SLICE_SIZE, onWritten }: { sliceSize?: number; onWritten?: (seconds: number) => void } = {}): RoomEmitter {
  const pending = new Map<string, PendingPush[]>();
  let scheduled = false;

  /** The next slice of the room's oldest push, each socket with the room's next pushes it has pending. */
  function writeSlice(room: string, pushes: PendingPush[]) {
    const members = local.rooms.get(room);
    const [oldest, ...later] = pushes;
    const batch: SocketPushes[] = [];
    let taken = 0;
    for (const socketId of oldest.socketIds) {
      if (taken === sliceSize) break;
      taken += 1;
      oldest.socketIds.delete(socketId);
      if (!members?.has(socketId)) continue;
      const forSocket = [oldest.push];
      // In order and without gaps: the first pushes after the oldest that this socket has pending.
      for (const next of later) {
        if (forSocket.length === MAX_PUSHES_PER_WRITE) break;
        if (next.socketIds.delete(socketId)) forSocket.push(next.push);
      }
      batch.push({ socketId, pushes: forSocket });
    }
    const left = pushes.filter((push) => push.socketIds.size > 0);
    if (left.length > 0) pending.set(room, left);
    else pending.delete(room);
    writer.write(batch);
    if (onWritten && left.length < pushes.length) {
      const now = performance.now();
      for (const push of pushes) if (push.socketIds.size === 0) onWritten((now - push.madeAt) / 1000);
    }
  }

  /** One turn: a slice of each room with pushes pending. */
  function writeSlices() {
    scheduled = false;
    for (const [room, pushes] of pending) writeSlice(room, pushes);
    schedule();
  }

  function schedule() {
    if (scheduled || pending.size === 0) return;
    scheduled = true;
    setImmediate(writeSlices);
  }

  return {
    to(room) {
      return {
        emit(event, ...args) {
          const members = local.rooms.get(room);
          if (!members || members.size === 0) return;
          const push: PendingPush = { push: writer.encode(event, args), madeAt: performance.now(), socketIds: new Set(members) };
          const queued = pending.get(room);
          if (queued) {
            queued.push(push);
            return;
          }
          // The first slice at once: a push's latency starts now, not a turn later.
          writeSlice(room, [push]);
          schedule();
        },
      };
    },
  };
}
