/**
 * Employee passwords for the sandbox's sign-in: scrypt (node:crypto) with a random salt per password, stored
 * as `scrypt$N$r$p$salt$hash` (base64) so the cost can change without invalidating stored hashes.
 */
import * as crypto from 'node:crypto';

// Node's default scrypt cost (N=16384, r=8, p=1): about 50 ms a hash, once per sign-in.
const COST = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;

export function hashPassword(password: string): string {
  const salt = crypto.randomBytes(16);
  const hash = crypto.scryptSync(password, salt, KEY_LENGTH, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, N, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = crypto.scryptSync(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(N), r: Number(r), p: Number(p) });
  return crypto.timingSafeEqual(actual, expected);
}
