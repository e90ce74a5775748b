// @ts-check
'use strict';
/**
 * N/crypto/random: cryptographically strong UUIDs (RFC 4122 version 4), bytes and integers from
 * node:crypto. No governance units. generateInt's max is exclusive and min defaults to 0, as
 * @hitc/netsuite-types documents it.
 */
const vm = require('node:vm');
const nodeCrypto = require('node:crypto');
const { options, required } = require('../expose');
const { sandboxError } = require('../../errors');

/** Most bytes one call hands out (a sandbox guard; NetSuite's own limit is not documented). */
const MAX_BYTES = 1024 * 1024;

/** @param {unknown} v @param {string} where @param {string} name */
function integer(v, where, name) {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw sandboxError('SSS_INVALID_TYPE_ARG', `${where}: ${name} must be a whole number, not ${JSON.stringify(v)}.`);
  return n;
}

/** @param {import('../invocation').Invocation} inv */
module.exports = function createRandom(inv) {
  return {
    generateUUID: () => nodeCrypto.randomUUID(),
    generateBytes(/** @type {any[]} */ ...a) {
      const size = integer(required(options(a, ['size']), 'size', 'random.generateBytes'), 'random.generateBytes', 'size');
      if (size < 1 || size > MAX_BYTES) throw sandboxError('SSS_INVALID_TYPE_ARG', `random.generateBytes: size must be from 1 to ${MAX_BYTES}, not ${size}.`);
      // A Uint8Array of the script's realm, so `instanceof Uint8Array` holds there.
      const RealmUint8Array = /** @type {Uint8ArrayConstructor} */ (vm.runInContext('Uint8Array', inv.realm.context));
      return RealmUint8Array.from(nodeCrypto.randomBytes(size));
    },
    generateInt(/** @type {any[]} */ ...a) {
      const o = options(a, ['max', 'min']);
      const max = integer(required(o, 'max', 'random.generateInt'), 'random.generateInt', 'max');
      const min = o.min === undefined || o.min === null ? 0 : integer(o.min, 'random.generateInt', 'min');
      if (max <= min) throw sandboxError('SSS_INVALID_TYPE_ARG', `random.generateInt: max (${max}, exclusive) must be greater than min (${min}).`);
      return nodeCrypto.randomInt(min, max);
    },
  };
};
