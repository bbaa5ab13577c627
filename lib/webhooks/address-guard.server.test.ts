import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isPublicAddress, resolveWebhookTarget } from "./address-guard.server";

describe("webhook address guard", () => {
  it("allows public unicast addresses", () => {
    for (const address of ["8.8.8.8", "1.1.1.1", "93.184.216.34", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8"]) assert.equal(isPublicAddress(address), true, address);
  });

  it("refuses loopback, private, link-local, CGNAT, metadata, reserved and multicast addresses", () => {
    for (const address of [
      "127.0.0.1",
      "127.255.0.1",
      "0.0.0.0",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "100.127.255.254",
      "198.18.0.1",
      "192.0.2.10",
      "224.0.0.1",
      "255.255.255.255",
      "::1",
      "::",
      "fe80::1",
      "fc00::1",
      "fd12:3456::1",
      "ff02::1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "::ffff:169.254.169.254",
      "64:ff9b::10.0.0.1",
      "2001:db8::1",
      "not an address",
    ])
      assert.equal(isPublicAddress(address), false, address);
  });

  it("keeps the edges of ranges right", () => {
    assert.equal(isPublicAddress("172.15.255.255"), true);
    assert.equal(isPublicAddress("172.32.0.0"), true);
    assert.equal(isPublicAddress("100.63.255.255"), true);
    assert.equal(isPublicAddress("100.128.0.0"), true);
  });

  it("refuses http and private hosts unless private URLs are allowed", async () => {
    await assert.rejects(resolveWebhookTarget("http://8.8.8.8/hook", false), /only https/);
    await assert.rejects(resolveWebhookTarget("https://127.0.0.1/hook", false), /private or reserved/);
    await assert.rejects(resolveWebhookTarget("https://[::1]/hook", false), /private or reserved/);
    await assert.rejects(resolveWebhookTarget("https://user:pw@8.8.8.8/hook", false), /credentials/);
    await assert.rejects(resolveWebhookTarget("https://localhost/hook", false), /private or reserved/);
    assert.equal((await resolveWebhookTarget("https://8.8.8.8/hook", false)).address, "8.8.8.8");
    assert.equal((await resolveWebhookTarget("http://127.0.0.1:9/hook", true)).address, "127.0.0.1");
  });
});
