/**
 * N/crypto/random: cryptographically strong UUIDs (RFC 4122 version 4), bytes and integers from
 * node:crypto. No governance units. generateInt's max is exclusive and min defaults to 0, as
 * @hitc/netsuite-types documents it.
 */
import * as nodeCrypto from 'node:crypto';
import * as vm from 'node:vm';

import { sandboxError } from '../../errors';
import { options, required } from '../expose';
import type { Invocation } from '../invocation';

/** Most bytes one call hands out (a sandbox guard; NetSuite's own limit is not documented). */
const MAX_BYTES = 1024 * 1024;

function integer(v: unknown, where: string, name: string): number {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw sandboxError('SSS_INVALID_TYPE_ARG', `${where}: ${name} must be a whole number, not ${JSON.stringify(v)}.`);
  return n;
}

export = function createRandom(inv: Invocation) {
  return {
    generateUUID: (): string => nodeCrypto.randomUUID(),
    generateBytes(...a: unknown[]): Uint8Array {
      const size = integer(required(options(a, ['size']), 'size', 'random.generateBytes'), 'random.generateBytes', 'size');
      if (size < 1 || size > MAX_BYTES) throw sandboxError('SSS_INVALID_TYPE_ARG', `random.generateBytes: size must be from 1 to ${MAX_BYTES}, not ${size}.`);
      // A Uint8Array of the script's realm, so `instanceof Uint8Array` holds there.
      const RealmUint8Array = vm.runInContext('Uint8Array', inv.realm.context) as Uint8ArrayConstructor;
      return RealmUint8Array.from(nodeCrypto.randomBytes(size));
    },
    generateInt(...a: unknown[]): number {
      const o = options(a, ['max', 'min']);
      const max = integer(required(o, 'max', 'random.generateInt'), 'random.generateInt', 'max');
      const min = o.min === undefined || o.min === null ? 0 : integer(o.min, 'random.generateInt', 'min');
      if (max <= min) throw sandboxError('SSS_INVALID_TYPE_ARG', `random.generateInt: max (${max}, exclusive) must be greater than min (${min}).`);
      return nodeCrypto.randomInt(min, max);
    },
  };
};
