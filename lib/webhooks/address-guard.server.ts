/**
 * SSRF guard for webhook URLs: a business's admin chooses where the server sends requests, so
 * only https URLs whose host resolves to public addresses are allowed — never loopback, private
 * networks, link-local (cloud metadata at 169.254.169.254), CGNAT, unique-local v6 and the like.
 * Checked when an endpoint is saved and again at each delivery, against the address actually
 * connected to (the lookup is pinned, so DNS rebinding cannot swap it between check and connect).
 * WEBHOOK_ALLOW_PRIVATE_URLS allows http and any address (tests, on-premise receivers).
 */
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

const nonPublic = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this" network
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const)
  nonPublic.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128], // unspecified
  ["::1", 128],
  ["100::", 64], // discard
  ["2001:db8::", 32], // documentation
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
] as const)
  nonPublic.addSubnet(network, prefix, "ipv6");

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), -compatible or NAT64 (64:ff9b::/96) IPv6 address. */
function embeddedIpv4(address: string): string | null {
  const match = /^(?:::ffff:|::|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!match) return null;
  if (match[1]) return match[1];
  const high = parseInt(match[2], 16);
  const low = parseInt(match[3], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

/** Whether an IP address (v4 or v6 text) is a public unicast address a webhook may be sent to. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 4) return !nonPublic.check(address, "ipv4");
  const v4 = embeddedIpv4(address.toLowerCase());
  if (v4) return isPublicAddress(v4);
  return !nonPublic.check(address, "ipv6");
}

export class RefusedAddressError extends Error {
  readonly code = "refused_address";
}

export interface ResolvedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

/**
 * The URL checked and resolved: its scheme, then each address its host resolves to. Throws
 * RefusedAddressError (or the DNS error) when it may not be used; the caller connects to
 * `address` (pinned), never resolving the host again.
 */
export async function resolveWebhookTarget(rawUrl: string, allowPrivate: boolean): Promise<ResolvedTarget> {
  const url = new URL(rawUrl);
  if (url.protocol !== "https:" && !(allowPrivate && url.protocol === "http:")) throw new RefusedAddressError("only https URLs are allowed");
  if (url.username || url.password) throw new RefusedAddressError("URLs with credentials are not allowed");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) as 4 | 6 }] : await lookup(host, { all: true, verbatim: true });
  if (addresses.length === 0) throw new RefusedAddressError(`${host} has no address`);
  // Every address, not just the first: a name resolving to one public and one private address is refused.
  const refused = addresses.find((entry) => !isPublicAddress(entry.address));
  if (refused && !allowPrivate) throw new RefusedAddressError(`${host} resolves to ${refused.address}, a private or reserved address`);
  return { url, address: addresses[0].address, family: addresses[0].family as 4 | 6 };
}
