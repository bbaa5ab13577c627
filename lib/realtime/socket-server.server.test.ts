import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { afterEach, beforeEach, describe, it, mock } from "node:test";
import { createHandshakeGate } from "./socket-server.server";

describe("createHandshakeGate", () => {
  beforeEach(() => mock.timers.enable({ apis: ["setTimeout"] }));
  afterEach(() => mock.timers.reset());

  it("admits new connections while fewer than its limit are in handshake", () => {
    const gate = createHandshakeGate({ limit: 2, slotMs: 5_000 });
    const [first, second] = [new EventEmitter(), new EventEmitter()];
    gate.opened(first);
    assert.equal(gate.admits(), true);
    gate.opened(second);
    assert.equal(gate.admits(), false, "two in handshake: the next one waits");
    gate.done(first);
    assert.equal(gate.admits(), true, "a connection that reached its namespace frees its slot");
  });

  it("frees the slot of a connection that closes in handshake", () => {
    const gate = createHandshakeGate({ limit: 1, slotMs: 5_000 });
    const connection = new EventEmitter();
    gate.opened(connection);
    assert.equal(gate.admits(), false);
    connection.emit("close");
    assert.equal(gate.admits(), true);
  });

  it("frees the slot of a connection that never connects to a namespace after slotMs", () => {
    const gate = createHandshakeGate({ limit: 1, slotMs: 5_000 });
    gate.opened(new EventEmitter());
    mock.timers.tick(4_999);
    assert.equal(gate.admits(), false);
    mock.timers.tick(1);
    assert.equal(gate.admits(), true);
  });
});
