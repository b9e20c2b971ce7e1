/**
 * Password hashes: scrypt (node:crypto) with a random 16-byte salt, stored as one text
 * `scrypt$N$r$p$<salt>$<hash>` (base64url) so the cost can be raised later without breaking the
 * hashes already stored. Comparison is in constant time.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const COST = { N: 16_384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;

/** The stored form of a password. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')]
    .map(String)
    .join('$');
}

/** Whether `password` is the one `stored` was made from; false for a malformed hash. */
export async function matchesHash(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  const [scheme, n, r, p, salt, key] = parts;
  if (parts.length !== 6 || scheme !== 'scrypt' || salt === undefined || key === undefined) {
    return false;
  }
  const expected = Buffer.from(key, 'base64url');
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  // An empty or short key would compare equal to a short derivation of any password.
  if (expected.length < 16 || !Object.values(cost).every((v) => Number.isInteger(v) && v > 0)) {
    return false;
  }
  let actual: Buffer;
  try {
    actual = await derive(password, Buffer.from(salt, 'base64url'), cost, expected.length);
  } catch {
    return false;
  }
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function derive(
  password: string,
  salt: Buffer,
  cost: ScryptOptions,
  length = KEY_LENGTH,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, cost, (error, key) => {
      if (error === null) resolve(key);
      else reject(error);
    });
  });
}
