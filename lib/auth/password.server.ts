import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";

// scrypt (a memory-hard KDF, in Node's standard library). Parameters are stored with each hash
// so they can be raised later without invalidating existing passwords.
const PARAMS = { N: 16384, r: 8, p: 1, keylen: 64 } as const;

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCallback(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/** Format: scrypt$N$r$p$salt(base64)$hash(base64) */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, PARAMS.keylen, { N: PARAMS.N, r: PARAMS.r, p: PARAMS.p });
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64"), key.toString("base64")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const actual = await scrypt(password, Buffer.from(salt, "base64"), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}

// A real hash of a random password, made once: an unknown email is checked against it, so the
// answer takes as long as for a known email with a wrong password.
let decoyHash: Promise<string> | undefined;

/**
 * Whether `password` matches `stored`; with no stored hash (no such user) the same work is done
 * against a decoy and the answer is false.
 */
export async function checkPassword(password: string, stored: string | null | undefined, verify = verifyPassword): Promise<boolean> {
  decoyHash ??= hashPassword(randomBytes(24).toString("base64"));
  const matches = await verify(password, stored ?? (await decoyHash));
  return stored != null && matches;
}
