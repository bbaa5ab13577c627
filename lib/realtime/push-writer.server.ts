/** Socket.IO protocol v5's EVENT packet type (socket.io-parser's PacketType.EVENT). */
const SOCKET_IO_EVENT = 2;

/** A push encoded once for every socket it goes to. */
export interface EncodedPush {
  /** Increases with every push encoded: the order pushes are written in. */
  sequence: number;
  event: string;
  args: unknown[];
  /** The whole websocket frame (Engine.IO message, Socket.IO event), or null when it cannot be sent as one (binary arguments). */
  frame: Buffer | null;
}

/** The pushes one socket gets in one write, in the order they were encoded. */
export interface SocketPushes {
  socketId: string;
  pushes: EncodedPush[];
}

/** Writes pushes to sockets of one namespace: how the sliced rooms reach their sockets. */
export interface PushWriter {
  encode(event: string, args: unknown[]): EncodedPush;
  write(batch: readonly SocketPushes[]): void;
}

/** The parts of a Socket.IO namespace the writer uses. */
export interface WritableNamespace {
  name: string;
  /** The server's Socket.IO packet encoder (the one its own emits use). */
  server: { encoder: { encode(packet: { type: number; data: unknown[]; nsp: string }): unknown[] } };
  sockets: ReadonlyMap<string, { conn: unknown }>;
  /** This node's sockets only: with the Redis adapter, `to` would also publish to every other node. */
  local: { to(socketIds: string[]): { emit(event: string, ...args: unknown[]): unknown } };
}

/**
 * An Engine.IO connection whose websocket can take a frame now, in order: open, nothing of its own
 * waiting to be written (`writeBuffer` empty), no compression. The same internals Socket.IO's own
 * broadcast uses for its pre-encoded frames (`_sender.sendFrame`); checked on every write, so a
 * connection that does not look like this (long-polling, a later engine) takes the ordinary path.
 */
interface FrameSink {
  sendFrame(list: Buffer[]): void;
}
function frameSinkOf(connection: unknown): FrameSink | null {
  const conn = connection as
    { readyState?: string; writeBuffer?: unknown[]; transport?: { name?: string; perMessageDeflate?: unknown; socket?: { readyState?: number; _sender?: FrameSink } } } | undefined;
  const transport = conn?.transport;
  const sender = transport?.socket?._sender;
  const ready =
    conn?.readyState === "open" &&
    conn.writeBuffer?.length === 0 &&
    transport?.name === "websocket" &&
    !transport.perMessageDeflate &&
    transport.socket?.readyState === 1 &&
    typeof sender?.sendFrame === "function";
  return ready ? sender! : null;
}

/** An unmasked, final text frame around `payload` (RFC 6455 §5.2), header and payload in one buffer. */
function textFrame(payload: Buffer): Buffer {
  const length = payload.length;
  const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 0x81; // FIN + text
  if (length < 126) frame[1] = length;
  else if (length < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  payload.copy(frame, headerLength);
  return frame;
}

/**
 * Pushes as ready-made websocket frames: each push is encoded once, and the pushes a socket has
 * pending go out in one write (one system call for several frames; on a busy node that is most of
 * what a push costs). A socket that cannot take a frame directly gets its pushes through Socket.IO,
 * still in order.
 */
export function createPushWriter(namespace: WritableNamespace): PushWriter {
  let sequence = 0;
  return {
    encode(event, args) {
      const encoded = namespace.server.encoder.encode({ type: SOCKET_IO_EVENT, data: [event, ...args], nsp: namespace.name });
      // "4": an Engine.IO message packet around the Socket.IO packet.
      const frame = encoded.length === 1 && typeof encoded[0] === "string" ? textFrame(Buffer.from(`4${encoded[0]}`)) : null;
      return { sequence: sequence++, event, args, frame };
    },
    write(batch) {
      const throughSocketIo = new Map<EncodedPush, string[]>();
      for (const { socketId, pushes } of batch) {
        const sink = pushes.every((push) => push.frame) ? frameSinkOf(namespace.sockets.get(socketId)?.conn) : null;
        if (sink) {
          sink.sendFrame([pushes.length === 1 ? pushes[0].frame! : Buffer.concat(pushes.map((push) => push.frame!))]);
          continue;
        }
        for (const push of pushes) {
          const socketIds = throughSocketIo.get(push) ?? [];
          socketIds.push(socketId);
          throughSocketIo.set(push, socketIds);
        }
      }
      // Oldest push first: every socket's pushes keep their order.
      for (const [push, socketIds] of [...throughSocketIo].sort(([a], [b]) => a.sequence - b.sequence)) namespace.local.to(socketIds).emit(push.event, ...push.args);
    },
  };
}
